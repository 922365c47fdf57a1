import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { TenantConnections } from '@cxgenie/database';
import { LockKeeper, RedisLocks } from '@cxgenie/redis';
import type { EmailChannel } from '../../core-modules/email-channels/email-channel';
import { EmailChannelDirectory } from '../../core-modules/email-channels/email-channel-directory';
import { EmailMetrics } from '../../core-modules/metrics/email-metrics';
import { outcomeOf } from '../intake/usecases/receive-email/receive-email.command';
import { ReceiveEmail } from '../intake/usecases/receive-email/receive-email.usecase';
import { MailboxPoller } from './mailbox-poller';
import { MailboxStateRepository } from './mailbox-state.repository';

const LOCK_TTL_MS = 30_000;

const fingerprintOf = (channel: EmailChannel): string =>
  createHash('sha256')
    .update(
      JSON.stringify([channel.settings.imap, channel.credentials.imapPassword, channel.botId]),
    )
    .digest('hex');

/**
 * Keeps one poller per mailbox across every instance of the service: each sync (at boot, then
 * every `EMAIL_IMAP_SYNC_INTERVAL_MS`) lists the channels with a mailbox, takes a Redis lock per
 * mailbox it is not polling yet (whoever holds the lock polls it; the lock is kept alive while the
 * poller runs, and another instance takes over if this one dies), and stops pollers whose channel
 * was switched off, deleted or reconfigured. Instances without queue workers poll nothing, and
 * neither does any with `EMAIL_IMAP_SYNC_INTERVAL_MS=0`.
 */
@Injectable()
export class MailboxPollers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailboxPollers.name);
  private readonly pollers = new Map<string, MailboxPoller>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly channels: EmailChannelDirectory,
    private readonly tenants: TenantConnections,
    private readonly states: MailboxStateRepository,
    private readonly receive: ReceiveEmail,
    private readonly locks: RedisLocks,
    private readonly metrics: EmailMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.queueWorkers || this.config.email.imapSyncIntervalMs === 0) return;
    this.timer = setInterval(() => void this.sync(), this.config.email.imapSyncIntervalMs);
    this.timer.unref();
    void this.sync();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.syncing;
    await Promise.all([...this.pollers.values()].map((poller) => poller.stop()));
    this.pollers.clear();
  }

  /** One pass; returns how many mailboxes this instance polls afterwards. */
  sync(): Promise<void> {
    this.syncing ??= this.syncOnce()
      .catch((error: Error) => this.logger.warn(`mailbox sync failed: ${error.message}`))
      .finally(() => {
        this.syncing = null;
      });
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const wanted = new Map(
      (await this.channels.withMailboxes())
        .filter((channel) => channel.botId)
        .map((channel) => [channel.id, channel]),
    );
    for (const [id, poller] of this.pollers) {
      const channel = wanted.get(id);
      if (poller.running && channel && fingerprintOf(channel) === poller.fingerprint) {
        poller.poke();
        continue;
      }
      this.pollers.delete(id);
      await poller.stop();
    }
    for (const channel of wanted.values()) {
      if (this.stopped || this.pollers.has(channel.id)) continue;
      // Under the deployment's prefix: environments sharing a Redis never take each other's.
      const lock = await this.locks.acquire(
        `${this.config.queuePrefix}:email:mailbox:${channel.id}`,
        LOCK_TTL_MS,
      );
      if (!lock) continue;
      const keeper = new LockKeeper(this.locks, lock, LOCK_TTL_MS).start();
      const scope = await this.tenants.scope(channel.workspaceId);
      this.pollers.set(
        channel.id,
        new MailboxPoller(channel, fingerprintOf(channel), {
          scope,
          states: this.states,
          keeper,
          maxBackoffMs: this.config.email.imapSyncIntervalMs,
          receive: async (target, raw) => {
            const outcome = await this.receive.execute({ channel: target, raw, via: 'imap' });
            this.metrics.received('imap', outcomeOf(outcome));
            return outcome;
          },
        }),
      );
      this.logger.log(`polling the mailbox of channel ${channel.id}`);
    }
  }
}
