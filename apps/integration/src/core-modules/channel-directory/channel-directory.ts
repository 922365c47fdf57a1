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
export const CHANNEL_CACHE_TTL_MS = 5_000;
/**
 * From this age a hit is answered from the cache while one load refreshes the entry behind it, so
 * a busy channel's webhooks never wait on PostgreSQL when the entry expires; nothing older than
 * the TTL is ever answered.
 */
export const CHANNEL_REFRESH_AFTER_MS = 4_000;
const MAX_CACHED = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Cached {
  channel: LoadedChannel | null;
  /** When the read that produced it started: its age is counted from there. */
  readAt: number;
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
  /** One read per channel at a time, shared by every caller that needs it. */
  private readonly loading = new Map<string, Promise<LoadedChannel | null>>();
  /** Settings parsed once per loaded channel and adapter, not once per webhook. */
  private readonly contexts = new WeakMap<
    LoadedChannel,
    Map<AnyChannelAdapter, ChannelContext<unknown>>
  >();

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
    // A fresh read must start after the caller's change: it never joins one already under way.
    if (fresh) return this.read(channelId);
    const cached = this.cache.get(channelId);
    const age = cached ? Date.now() - cached.readAt : Infinity;
    if (cached && age < CHANNEL_CACHE_TTL_MS) {
      if (age >= CHANNEL_REFRESH_AFTER_MS && !this.loading.has(channelId)) {
        // Behind the answer: a failed refresh leaves the entry to expire, and the next caller
        // after that waits for a read of its own.
        this.shared(channelId).catch((error: unknown) =>
          this.logger.warn(`channel ${channelId}: refresh failed: ${String(error)}`),
        );
      }
      return cached.channel;
    }
    return this.shared(channelId);
  }

  /** The same channel, only if it belongs to `workspaceId` (jobs carry both). */
  async findInWorkspace(workspaceId: string, channelId: string): Promise<LoadedChannel | null> {
    const channel = await this.find(channelId);
    return channel?.workspaceId === workspaceId ? channel : null;
  }

  /**
   * What the adapter is handed: settings as its own schema reads them. A loaded channel is never
   * changed (a change is a new load), so the parse is kept with it.
   */
  contextFor(channel: LoadedChannel, adapter: AnyChannelAdapter): ChannelContext<unknown> {
    let byAdapter = this.contexts.get(channel);
    const known = byAdapter?.get(adapter);
    if (known) return known;
    const parsed = adapter.settingsSchema.safeParse(channel.settings);
    if (!parsed.success) {
      this.logger.warn(
        `channel ${channel.id}: stored settings do not fit the ${channel.type} schema`,
      );
    }
    const context = channelContextOf(channel, parsed.success ? parsed.data : channel.settings);
    if (!byAdapter) this.contexts.set(channel, (byAdapter = new Map()));
    byAdapter.set(adapter, context);
    return context;
  }

  /** The read under way for this channel, or a new one. */
  private shared(channelId: string): Promise<LoadedChannel | null> {
    let pending = this.loading.get(channelId);
    if (!pending) {
      pending = this.read(channelId).finally(() => this.loading.delete(channelId));
      this.loading.set(channelId, pending);
    }
    return pending;
  }

  /** Reads the channel and caches it, unless a read that started later has already done so. */
  private async read(channelId: string): Promise<LoadedChannel | null> {
    const readAt = Date.now();
    const channel = await this.load(channelId);
    const cached = this.cache.get(channelId);
    if (!cached || cached.readAt <= readAt) {
      if (!cached && this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(channelId, { channel, readAt });
    }
    return channel;
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
