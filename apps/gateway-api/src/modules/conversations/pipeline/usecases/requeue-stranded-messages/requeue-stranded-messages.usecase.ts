import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type InboundMessageJobData, QueueNames } from '@cxgenie/contracts';
import { InboundFairness } from '@cxgenie/conversations';
import { type TenantDatabase, TenantConnections } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import { REDIS_CLIENT } from '@cxgenie/redis';
import { OutboundDelivery } from '../../../delivery/outbound-delivery';
import { type StrandedCursor, StrandedMessages } from '../../ordering/stranded-messages';

/** How far back the very first sweep of a deployment looks. */
export const FIRST_SWEEP_LOOKBACK_MS = 24 * 3_600_000;
/** Each window starts this much before the last one ended: a little clock slack costs nothing. */
const WINDOW_OVERLAP_MS = 60_000;
const PAGE = 500;

/**
 * A customer message is persisted before it is queued, and so is a reply before its delivery; a
 * process that dies between the two leaves it waiting until its conversation's next message, which
 * may never come. This sweep finds such messages and queues their conversations again, for the bot
 * or for delivery. Each run covers the time since the previous run's end (kept in Redis per
 * database), so a platform that was down for a day catches up when it comes back. Queueing twice
 * is harmless: a drain answers each message once, and delivers each reply once.
 */
@Injectable()
export class RequeueStrandedMessages {
  private readonly logger = new Logger(RequeueStrandedMessages.name);
  private readonly watermarksKey: string;

  constructor(
    private readonly tenants: TenantConnections,
    private readonly stranded: StrandedMessages,
    private readonly fairness: InboundFairness,
    @InjectQueue(QueueNames.ConversationInbound)
    private readonly inbound: Queue<InboundMessageJobData>,
    private readonly delivery: OutboundDelivery,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.watermarksKey = `${config.queuePrefix}:conversation-sweep:watermarks`;
  }

  /** Returns how many conversations were queued again, for the bot or for delivery. */
  async execute(): Promise<number> {
    const databases = await this.tenants.databases((workspaceId, error) =>
      this.logger.warn(`sweep skipped workspace ${workspaceId}: ${error.message}`),
    );
    const requeued = { answer: 0, delivery: 0 };
    for (const database of databases) {
      // One database that fails is swept again next time; the others are not held up.
      const swept = await this.sweep(database).catch((error: Error) => {
        this.logger.warn(`sweep of database ${database.key} failed: ${error.message}`);
        return { answer: 0, delivery: 0 };
      });
      requeued.answer += swept.answer;
      requeued.delivery += swept.delivery;
    }
    if (requeued.answer > 0)
      this.logger.warn(
        `${requeued.answer} conversation(s) had customer messages never queued; queued now`,
      );
    if (requeued.delivery > 0)
      this.logger.warn(
        `${requeued.delivery} conversation(s) had replies never queued for delivery; queued now`,
      );
    return requeued.answer + requeued.delivery;
  }

  private async sweep(database: TenantDatabase): Promise<{ answer: number; delivery: number }> {
    const { sequelize, workspaceIds } = database;
    const to = await this.stranded.horizon(sequelize, this.config.conversationSweep.graceMs);
    const last = await this.redis.hget(this.watermarksKey, database.key);
    const from = new Date(
      last ? Number(last) - WINDOW_OVERLAP_MS : to.getTime() - FIRST_SWEEP_LOOKBACK_MS,
    );
    const window = { workspaceIds, from, to };
    const answer = await pages(
      (after) => this.stranded.find(sequelize, { ...window, after, limit: PAGE }),
      async (page) => {
        // In the fair order too: behind no busier workspace's backlog, and not behind everyone.
        const priorities = await this.fairness.priorities(page.map((found) => found.workspaceId));
        return this.inbound.addBulk(
          page.map((found, i) => ({
            data: withTraceId({
              workspaceId: found.workspaceId,
              conversationId: found.conversationId,
              messageId: found.messageId,
              seq: found.seq,
            }),
            opts: { priority: priorities[i] },
          })),
        );
      },
    );
    const delivery = await pages(
      (after) => this.stranded.findUndelivered(sequelize, { ...window, after, limit: PAGE }),
      (page) =>
        this.delivery.queueAll(
          page.map((found) => ({
            workspaceId: found.workspaceId,
            conversationId: found.conversationId,
            messageId: found.messageId,
            channelId: found.channelId,
            channelType: found.channelType,
          })),
        ),
    );
    // Only once everything up to `to` is queued: a sweep that failed midway is redone next time.
    await this.redis.hset(this.watermarksKey, database.key, String(to.getTime()));
    return { answer, delivery };
  }
}

/** Every page of a search, each handed to `queue`; returns how many were found. */
async function pages<T extends StrandedCursor>(
  find: (after: StrandedCursor | undefined) => Promise<T[]>,
  queue: (page: T[]) => Promise<unknown>,
): Promise<number> {
  let found = 0;
  let after: StrandedCursor | undefined;
  for (;;) {
    const page = await find(after);
    if (page.length > 0) await queue(page);
    found += page.length;
    if (page.length < PAGE) return found;
    after = page[page.length - 1];
  }
}
