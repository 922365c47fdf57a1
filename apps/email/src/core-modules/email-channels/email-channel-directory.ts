import { Injectable, Logger } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import { SecretBox, emailCredentialsSchema, emailSettingsSchema } from '@cxgenie/channels';
import {
  type Channel,
  EmailAddressClaims,
  TenantConnections,
  TenantRoutes,
  WorkspaceNotFoundError,
} from '@cxgenie/database';
import type { EmailChannel } from './email-channel';

// Short enough that a rotated secret, a changed address or a switched-off channel applies in seconds.
const CACHE_TTL_MS = 5_000;
const MAX_CACHED = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Cached<T> {
  value: T;
  expiresAt: number;
}

/** A bounded cache of lookups, misses included (made-up ids must not become queries). */
class LookupCache<T> {
  private readonly entries = new Map<string, Cached<T>>();

  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expiresAt > Date.now() ? hit.value : undefined;
  }

  set(key: string, value: T): T {
    if (this.entries.size >= MAX_CACHED) this.entries.clear();
    this.entries.set(key, { value, expiresAt: Date.now() + CACHE_TTL_MS });
    return value;
  }
}

/**
 * Finds email channels and opens their secrets: by id (the inbound webhook, deliveries), by
 * address (an SMTP recipient) and all those with a mailbox to poll. The workspace always comes
 * from the channel row, never from the mail or the request.
 */
@Injectable()
export class EmailChannelDirectory {
  private readonly logger = new Logger(EmailChannelDirectory.name);
  private readonly byId = new LookupCache<EmailChannel | null>();
  private readonly byAddress = new LookupCache<EmailChannel | null>();

  constructor(
    private readonly tenants: TenantConnections,
    private readonly routes: TenantRoutes,
    private readonly box: SecretBox,
    private readonly addressClaims: EmailAddressClaims,
  ) {}

  /** The live (not deleted) email channel with this id, whichever workspace owns it. */
  async find(channelId: string): Promise<EmailChannel | null> {
    if (!UUID.test(channelId)) return null;
    const cached = this.byId.get(channelId);
    if (cached !== undefined) return cached;
    return this.byId.set(channelId, await this.load(channelId));
  }

  /** The same channel, only if it belongs to `workspaceId` (jobs carry both). */
  async findInWorkspace(workspaceId: string, channelId: string): Promise<EmailChannel | null> {
    const channel = await this.find(channelId);
    return channel?.workspaceId === workspaceId ? channel : null;
  }

  /**
   * The channel mail to `address` is for (lowercase, without its +tag). An address belongs to
   * one live channel (gateway-api refuses a second claim); should two claim it anyway, the oldest
   * has it. The shared database is asked first, then each dedicated workspace's database
   * (`EmailAddressClaims`, the same read gateway-api refuses a taken address with). A miss found
   * in every database is cached like a hit, so a made-up recipient costs one round of queries per
   * address and cache period; a miss while a database could not be reached (its addresses get
   * 550 meanwhile, logged) is not cached, so the next attempt asks again.
   */
  async findByAddress(address: string): Promise<EmailChannel | null> {
    const cached = this.byAddress.get(address);
    if (cached !== undefined) return cached;
    const { claims, complete } = await this.addressClaims.find([address], {
      firstOnly: true,
      onUnreachable: (workspaceIds, error) =>
        this.logger.warn(
          `addresses of workspace ${workspaceIds.join(',')} not searched: ${error.message}`,
        ),
    });
    if (claims[0]) return this.byAddress.set(address, await this.find(claims[0].channelId));
    return complete ? this.byAddress.set(address, null) : null;
  }

  /** Every active email channel with a mailbox to poll, in every database. */
  async withMailboxes(): Promise<EmailChannel[]> {
    const databases = await this.tenants.databases((workspaceId, error) =>
      this.logger.warn(`mailboxes of workspace ${workspaceId} skipped: ${error.message}`),
    );
    const found: EmailChannel[] = [];
    for (const { sequelize, workspaceIds } of databases) {
      const rows = await sequelize.query<{ id: string }>(
        `SELECT id FROM channels
          WHERE type = 'email' AND deleted_at IS NULL AND is_active AND settings -> 'imap' IS NOT NULL
            AND (CAST(:workspaceIds AS uuid[]) IS NULL OR workspace_id = ANY(CAST(:workspaceIds AS uuid[])))`,
        {
          replacements: { workspaceIds: workspaceIds ? `{${workspaceIds.join(',')}}` : null },
          type: QueryTypes.SELECT,
        },
      );
      for (const { id } of rows) {
        const channel = await this.find(id);
        if (channel?.settings.imap) found.push(channel);
      }
    }
    return found;
  }

  private async load(channelId: string): Promise<EmailChannel | null> {
    // A shared workspace's channel is the control plane's own row; a dedicated one's is indexed.
    const workspaceId =
      (await this.tenants.control.Channel.findByPk(channelId, { attributes: ['workspaceId'] }))
        ?.workspaceId ?? (await this.routes.locate('channel', channelId));
    if (!workspaceId) return null;
    try {
      const scope = await this.tenants.scope(workspaceId);
      const row = await scope.models.Channel.findOne({
        where: { id: channelId, workspaceId, type: 'email' },
      });
      return row ? this.open(row) : null;
    } catch (error) {
      if (error instanceof WorkspaceNotFoundError) return null;
      throw error;
    }
  }

  private open(row: Channel): EmailChannel | null {
    const settings = emailSettingsSchema.safeParse(row.settings ?? {});
    const credentials = emailCredentialsSchema.safeParse(
      row.credentialsEncrypted ? this.box.openJson(row.credentialsEncrypted) : {},
    );
    if (!settings.success || !credentials.success) {
      // Written before the schema existed, or by hand: unusable until it is fixed.
      this.logger.warn(`email channel ${row.id}: stored settings do not fit the email schema`);
      return null;
    }
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      botId: row.botId,
      isActive: row.isActive,
      settings: settings.data,
      credentials: credentials.data,
      webhookSecret: row.webhookSecretEncrypted ? this.box.open(row.webhookSecretEncrypted) : null,
    };
  }
}
