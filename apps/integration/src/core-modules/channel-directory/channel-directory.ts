import { Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '@cxgenie/channels';
import type { ChannelContext } from '@cxgenie/contracts';
import {
  type Channel,
  TenantConnections,
  TenantRoutes,
  WorkspaceNotFoundError,
} from '@cxgenie/database';
import type { AnyChannelAdapter } from '../channel-registry/channel-adapter.registry';
import { type LoadedChannel, channelContextOf } from './loaded-channel';

// Short enough that a rotated secret or a deactivated channel takes effect within seconds.
const CACHE_TTL_MS = 5_000;
const MAX_CACHED = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Cached {
  channel: LoadedChannel | null;
  expiresAt: number;
}

/**
 * Finds channels and opens their secrets. A webhook names only a channel id: the workspace comes
 * from the channel row, never from the request, and the row is then read again through the
 * workspace's own scope. Platforms post every message, so lookups are cached for a few seconds
 * (misses too: a flood of made-up ids must not become a flood of queries).
 */
@Injectable()
export class ChannelDirectory {
  private readonly logger = new Logger(ChannelDirectory.name);
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly tenants: TenantConnections,
    private readonly routes: TenantRoutes,
    private readonly box: SecretBox,
  ) {}

  /**
   * The live (not deleted) channel with this id, whichever workspace owns it. `fresh` skips the
   * cache, for changes that must take effect at once (connecting after a secret rotation).
   */
  async find(channelId: string, { fresh = false } = {}): Promise<LoadedChannel | null> {
    if (!UUID.test(channelId)) return null;
    const cached = this.cache.get(channelId);
    if (!fresh && cached && cached.expiresAt > Date.now()) return cached.channel;
    const channel = await this.load(channelId);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(channelId, { channel, expiresAt: Date.now() + CACHE_TTL_MS });
    return channel;
  }

  /** The same channel, only if it belongs to `workspaceId` (jobs carry both). */
  async findInWorkspace(workspaceId: string, channelId: string): Promise<LoadedChannel | null> {
    const channel = await this.find(channelId);
    return channel?.workspaceId === workspaceId ? channel : null;
  }

  /** What the adapter is handed: settings as its own schema reads them. */
  contextFor(channel: LoadedChannel, adapter: AnyChannelAdapter): ChannelContext<unknown> {
    const parsed = adapter.settingsSchema.safeParse(channel.settings);
    if (!parsed.success) {
      this.logger.warn(
        `channel ${channel.id}: stored settings do not fit the ${channel.type} schema`,
      );
    }
    return channelContextOf(channel, parsed.success ? parsed.data : channel.settings);
  }

  private async load(channelId: string): Promise<LoadedChannel | null> {
    // A shared workspace's channel is the control plane's own row; a dedicated one's is indexed.
    const workspaceId =
      (await this.tenants.control.Channel.findByPk(channelId, { attributes: ['workspaceId'] }))
        ?.workspaceId ?? (await this.routes.locate('channel', channelId));
    if (!workspaceId) return null;
    try {
      const scope = await this.tenants.scope(workspaceId);
      const row = await scope.models.Channel.findOne({ where: { id: channelId, workspaceId } });
      return row ? this.open(row) : null;
    } catch (error) {
      if (error instanceof WorkspaceNotFoundError) return null;
      throw error;
    }
  }

  private open(row: Channel): LoadedChannel {
    return {
      id: row.id,
      type: row.type,
      workspaceId: row.workspaceId,
      botId: row.botId,
      isActive: row.isActive,
      settings: row.settings ?? {},
      credentials: row.credentialsEncrypted
        ? this.box.openJson<Record<string, string>>(row.credentialsEncrypted)
        : {},
      webhookSecret: row.webhookSecretEncrypted ? this.box.open(row.webhookSecretEncrypted) : null,
    };
  }
}
