import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type InboundMessageJobData, QueueNames } from '@cxgenie/contracts';
import { type TenantDatabase, TenantConnections } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import { REDIS_CLIENT } from '@cxgenie/redis';
import { type StrandedCursor, StrandedMessages } from '../../ordering/stranded-messages';

/** How far back the very first sweep of a deployment looks. */
export const FIRST_SWEEP_LOOKBACK_MS = 24 * 3_600_000;
/** Each window starts this much before the last one ended: a little clock slack costs nothing. */
const WINDOW_OVERLAP_MS = 60_000;
const PAGE = 500;

/**
 * A customer message is persisted before it is queued; a process that dies between the two leaves
 * it waiting until its conversation's next message drains it, which may never come. This sweep
 * finds such messages and queues their conversations again. Each run covers the time since the
 * previous run's end (kept in Redis per database), so a platform that was down for a day catches
 * up when it comes back. Queueing twice is harmless: a drain answers each message once.
 */
@Injectable()
export class RequeueStrandedMessages {
  private readonly logger = new Logger(RequeueStrandedMessages.name);
  private readonly watermarksKey: string;

  constructor(
    private readonly tenants: TenantConnections,
    private readonly stranded: StrandedMessages,
    @InjectQueue(QueueNames.ConversationInbound)
    private readonly inbound: Queue<InboundMessageJobData>,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.watermarksKey = `${config.queuePrefix}:conversation-sweep:watermarks`;
  }

  /** Returns how many conversations were queued again. */
  async execute(): Promise<number> {
    const databases = await this.tenants.databases((workspaceId, error) =>
      this.logger.warn(`sweep skipped workspace ${workspaceId}: ${error.message}`),
    );
    let requeued = 0;
    for (const database of databases) requeued += await this.sweep(database);
    if (requeued > 0)
      this.logger.warn(
        `${requeued} conversation(s) had customer messages never queued; queued now`,
      );
    return requeued;
  }

  private async sweep(database: TenantDatabase): Promise<number> {
    const to = await this.stranded.horizon(
      database.sequelize,
      this.config.conversationSweep.graceMs,
    );
    const last = await this.redis.hget(this.watermarksKey, database.key);
    const from = new Date(
      last ? Number(last) - WINDOW_OVERLAP_MS : to.getTime() - FIRST_SWEEP_LOOKBACK_MS,
    );
    let after: StrandedCursor | undefined;
    let requeued = 0;
    for (;;) {
      const page = await this.stranded.find(database.sequelize, {
        workspaceIds: database.workspaceIds,
        from,
        to,
        after,
        limit: PAGE,
      });
      if (page.length > 0) {
        await this.inbound.addBulk(
          page.map((found) => ({
            data: withTraceId({
              workspaceId: found.workspaceId,
              conversationId: found.conversationId,
              messageId: found.messageId,
              seq: found.seq,
            }),
          })),
        );
        requeued += page.length;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1];
    }
    // Only once everything up to `to` is queued: a sweep that failed midway is redone next time.
    await this.redis.hset(this.watermarksKey, database.key, String(to.getTime()));
    return requeued;
  }
}
