import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import {
  type ChannelContext,
  type HandoffRequestJobData,
  type OutboundChannelMessage,
  PermanentDeliveryError,
  QueueNames,
  RetryableDeliveryError,
  ServerEvents,
} from '@cxgenie/contracts';
import {
  type DeliveryProgress,
  MessageDeliveriesStore,
  type PendingDelivery,
} from '@cxgenie/conversations';
import { type TenantScope, TenantConnections } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import { LockKeeper, RedisLocks } from '@cxgenie/redis';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { ChannelDirectory } from '../../../../core-modules/channel-directory/channel-directory';
import {
  type AnyChannelAdapter,
  ChannelAdapterRegistry,
} from '../../../../core-modules/channel-registry/channel-adapter.registry';
import { IntegrationKeys } from '../../../../core-modules/locks/integration-keys';
import { ChannelMetrics } from '../../../../core-modules/metrics/channel-metrics';
import { PendingStatuses } from '../../../delivery-status/pending-statuses';
import { RecordDeliveryStatus } from '../../../delivery-status/usecases/record-delivery-status/record-delivery-status.usecase';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../delivery-retry';
import type { OutboundJob } from '../../outbound-job';
import { OutboundHold } from '../../outbound-hold';

const LOCK_TTL_MS = 30_000;
/** A resume job that arrives this close to the end of its delay waits it out instead of requeueing. */
const HOLD_SLACK_MS = 250;

type Outcome = 'sent' | 'failed' | 'retry';

interface Delivery {
  message: PendingDelivery;
  platform: string;
  adapter: AnyChannelAdapter;
  context: ChannelContext<unknown>;
}

/**
 * Delivers a conversation's outbound messages to its platform strictly in sequence order. A job
 * means "this conversation has something to send": whoever holds the conversation's lock sends
 * every queued message, smallest seq first, so two workers never send out of order. A message the
 * platform refuses for now holds the whole conversation for its retry delay; one it refuses for
 * good is marked failed with the platform's reason and the agents are told. Nothing is dropped
 * without a status.
 */
@Injectable()
export class DeliverConversation {
  private readonly logger = new Logger(DeliverConversation.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly deliveries: MessageDeliveriesStore,
    private readonly channels: ChannelDirectory,
    private readonly registry: ChannelAdapterRegistry,
    private readonly locks: RedisLocks,
    private readonly keys: IntegrationKeys,
    private readonly hold: OutboundHold,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly metrics: ChannelMetrics,
    private readonly pendingStatuses: PendingStatuses,
    private readonly statuses: RecordDeliveryStatus,
    @InjectQueue(QueueNames.ChannelOutbound) private readonly queue: Queue<OutboundJob>,
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly handoffs: Queue<HandoffRequestJobData>,
  ) {}

  /** Returns how many messages this call sent or failed for good. */
  async drain(job: OutboundJob): Promise<number> {
    const scope = await this.tenants.scope(job.workspaceId);
    let finished = 0;
    for (;;) {
      if (await this.waitingOutDelay(job)) return finished;
      const lock = await this.locks.acquire(
        this.keys.outboundLock(job.conversationId),
        LOCK_TTL_MS,
      );
      if (!lock) return finished;
      const keeper = new LockKeeper(this.locks, lock, LOCK_TTL_MS).start();
      let held = false;
      try {
        for (
          let next = await this.deliveries.nextPending(scope, job.conversationId);
          next && !keeper.lost;
          next = await this.deliveries.nextPending(scope, job.conversationId)
        ) {
          const outcome = await this.deliver(scope, job, next);
          if (outcome === 'retry') {
            held = true;
            break;
          }
          finished += 1;
        }
      } finally {
        await keeper.release();
      }
      // A message queued while this worker was finishing must not be stranded: look once more.
      if (held || !(await this.deliveries.nextPending(scope, job.conversationId))) return finished;
    }
  }

  /**
   * True when the conversation waits out a retry delay: the job then makes sure the conversation
   * resumes when the delay ends (one resume job per delay, however many jobs arrive meanwhile).
   */
  private async waitingOutDelay(job: OutboundJob): Promise<boolean> {
    const hold = await this.hold.current(job.conversationId);
    if (!hold) return false;
    if (job.resume?.holdToken === hold.token && hold.remainingMs <= HOLD_SLACK_MS) {
      await new Promise((resolve) => setTimeout(resolve, hold.remainingMs));
      return false;
    }
    const round = job.resume?.holdToken === hold.token ? job.resume.round + 1 : 0;
    await this.scheduleResume(job, hold.token, hold.remainingMs, round);
    return true;
  }

  private async scheduleResume(job: OutboundJob, holdToken: string, delayMs: number, round = 0) {
    const { resume: _previous, ...data } = job;
    await this.queue.add(
      { ...data, resume: { holdToken, round } },
      { delay: delayMs, jobId: `outbound-resume:${job.conversationId}:${holdToken}:${round}` },
    );
  }

  private async deliver(
    scope: TenantScope,
    job: OutboundJob,
    message: PendingDelivery,
  ): Promise<Outcome> {
    const target = await this.resolve(scope, message);
    if (typeof target === 'string') return this.fail(scope, job, message, 'unknown', target, null);
    const progress = message.delivery ?? {};
    const outbound: OutboundChannelMessage = {
      messageId: message.id,
      conversationId: job.conversationId,
      externalCustomerId: message.external_id!,
      text: message.text,
      attachments: message.attachments,
      lastCustomerMessageAt: message.last_customer_message_at
        ? new Date(message.last_customer_message_at).toISOString()
        : null,
      deliveredParts: progress.partIds?.length ?? 0,
    };
    try {
      const result = await target.adapter.send(outbound, target.context);
      return await this.sent(scope, job, message, target.platform, [
        ...(progress.partIds ?? []),
        ...result.platformMessageIds,
      ]);
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        return this.fail(scope, job, message, target.platform, error.message, error.platformCode);
      }
      // Retryable, and anything unexpected (a network error an adapter did not map): retried, so
      // that a bug shows up as a failed message with its reason, never as a silent drop.
      const retryable =
        error instanceof RetryableDeliveryError
          ? error
          : new RetryableDeliveryError(error instanceof Error ? error.message : String(error));
      return this.retryLater(scope, job, message, target.platform, progress, retryable);
    }
  }

  /** The adapter and channel to send with, or why there are none. */
  private async resolve(scope: TenantScope, message: PendingDelivery): Promise<Delivery | string> {
    const channel = await this.channels.findInWorkspace(scope.workspaceId, message.channel_id);
    if (!channel) return 'the channel no longer exists';
    const adapter = this.registry.get(channel.type);
    if (!adapter) return `no adapter delivers to ${channel.type} channels`;
    if (!message.external_id) return 'the customer has no identity on this channel';
    return {
      message,
      platform: channel.type,
      adapter,
      context: this.channels.contextFor(channel, adapter),
    };
  }

  private async sent(
    scope: TenantScope,
    job: OutboundJob,
    message: PendingDelivery,
    platform: string,
    platformMessageIds: string[],
  ): Promise<Outcome> {
    await this.deliveries.markSent(scope, message, platformMessageIds);
    this.metrics.delivery(platform, 'sent');
    this.announceStatus(scope.workspaceId, job, message, 'sent', null);
    const early = await this.pendingStatuses.take(message.channel_id, platformMessageIds);
    await this.statuses.execute(scope.workspaceId, early, { keepUnknown: false });
    return 'sent';
  }

  private async retryLater(
    scope: TenantScope,
    job: OutboundJob,
    message: PendingDelivery,
    platform: string,
    progress: DeliveryProgress,
    error: RetryableDeliveryError,
  ): Promise<Outcome> {
    const attempts = (progress.attempts ?? 0) + 1;
    const partIds = [...(progress.partIds ?? []), ...error.sentPlatformMessageIds];
    if (attempts >= MAX_DELIVERY_ATTEMPTS) {
      return this.fail(
        scope,
        job,
        message,
        platform,
        `gave up after ${attempts} attempts: ${error.message}`,
        null,
        partIds,
      );
    }
    const delayMs = retryDelayMs(attempts, error.retryAfterMs);
    const delivery: DeliveryProgress = {
      attempts,
      partIds,
      lastError: error.message,
      nextAttemptAt: new Date(Date.now() + delayMs).toISOString(),
    };
    await this.deliveries.recordRetry(scope, message.id, delivery);
    const holdToken = await this.hold.place(job.conversationId, delayMs);
    await this.scheduleResume(job, holdToken, delayMs);
    this.metrics.delivery(platform, 'retry');
    this.logger.warn(
      `${platform} delivery of message ${message.seq} in ${job.conversationId} failed (attempt ${attempts}), retrying in ${delayMs} ms: ${error.message}`,
    );
    return 'retry';
  }

  private async fail(
    scope: TenantScope,
    job: OutboundJob,
    message: PendingDelivery,
    platform: string,
    reason: string,
    platformCode: string | null,
    partIds: string[] = message.delivery?.partIds ?? [],
  ): Promise<Outcome> {
    const failed = await this.deliveries.markFailed(scope, message, {
      reason,
      platformCode,
      partIds,
    });
    if (!failed) return 'failed';
    this.metrics.delivery(platform, 'failed');
    this.logger.warn(
      `${platform} delivery of message ${message.seq} in ${job.conversationId} failed for good: ${reason}`,
    );
    this.announceStatus(scope.workspaceId, job, message, 'failed', reason);
    await this.handOff(scope, job, message, reason);
    return 'failed';
  }

  /** Sent or failed: to both sides of the conversation (a failure reaches every agent). */
  private announceStatus(
    workspaceId: string,
    job: OutboundJob,
    message: PendingDelivery,
    status: 'sent' | 'failed',
    reason: string | null,
  ): void {
    this.broadcaster.toConversation(workspaceId, job.conversationId, ServerEvents.MessageStatus, {
      conversationId: job.conversationId,
      messageId: message.id,
      status,
      reason,
      at: new Date().toISOString(),
    });
  }

  /**
   * The customer cannot be reached by the bot on this channel any more: a human takes over (the
   * ticket app opens the ticket, with the platform's reason for the agents).
   */
  private async handOff(
    scope: TenantScope,
    job: OutboundJob,
    message: PendingDelivery,
    reason: string,
  ): Promise<void> {
    await this.handoffs
      .add(
        withTraceId({
          workspaceId: scope.workspaceId,
          conversationId: job.conversationId,
          reason: 'delivery_failed' as const,
          messageId: message.id,
          note: `Delivery failed: ${reason}`,
          requestedAt: new Date().toISOString(),
        }),
        { jobId: `delivery-failed:${message.id}` },
      )
      .catch((error: Error) => this.logger.warn(`handoff after failed delivery: ${error.message}`));
  }
}
