import { Injectable, Logger } from '@nestjs/common';
import type { RetryableDeliveryError } from '@cxgenie/contracts';
import {
  type DeliveryProgress,
  DeliveryNotices,
  MessageDeliveriesStore,
  type PendingDelivery,
  type SendOutcome,
} from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { ChannelMetrics } from '../../../core-modules/metrics/channel-metrics';
import { PendingStatuses } from '../../delivery-status/pending-statuses';
import { RecordDeliveryStatus } from '../../delivery-status/usecases/record-delivery-status/record-delivery-status.usecase';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../delivery-retry';
import type { OutboundJob } from '../outbound-job';
import { OutboundResumes } from './outbound-resumes.step';

/**
 * What becomes of a message the platform took, refused for now, or refused for good: its status
 * recorded and announced, the conversation held for a retry, or the message failed with the
 * platform's reason and a human asked for. Nothing is dropped without a status.
 */
@Injectable()
export class PlatformDeliveryOutcomes {
  private readonly logger = new Logger(PlatformDeliveryOutcomes.name);

  constructor(
    private readonly deliveries: MessageDeliveriesStore,
    private readonly notices: DeliveryNotices,
    private readonly resumes: OutboundResumes,
    private readonly metrics: ChannelMetrics,
    private readonly pendingStatuses: PendingStatuses,
    private readonly statuses: RecordDeliveryStatus,
  ) {}

  /** Receipts the platform sent before its answer (PendingStatuses) apply once the ids are known. */
  async sent(
    scope: TenantScope,
    job: OutboundJob,
    message: PendingDelivery,
    platform: string,
    platformMessageIds: string[],
  ): Promise<SendOutcome> {
    await this.deliveries.markSent(scope, message, platformMessageIds);
    this.metrics.delivery(platform, 'sent');
    this.notices.status(scope.workspaceId, job.conversationId, message.id, 'sent', null);
    const early = await this.pendingStatuses.take(message.channel_id, platformMessageIds);
    await this.statuses.execute(scope.workspaceId, early, { keepUnknown: false });
    return 'done';
  }

  async retryLater(
    scope: TenantScope,
    job: OutboundJob,
    message: PendingDelivery,
    platform: string,
    progress: DeliveryProgress,
    error: RetryableDeliveryError,
  ): Promise<SendOutcome> {
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
    await this.resumes.holdFor(job, delayMs);
    this.metrics.delivery(platform, 'retry');
    this.logger.warn(
      `${platform} delivery of message ${message.seq} in ${job.conversationId} failed (attempt ${attempts}), retrying in ${delayMs} ms: ${error.message}`,
    );
    return 'wait';
  }

  async fail(
    scope: TenantScope,
    job: OutboundJob,
    message: PendingDelivery,
    platform: string,
    reason: string,
    platformCode: string | null,
    partIds: string[] = message.delivery?.partIds ?? [],
  ): Promise<SendOutcome> {
    const failed = await this.deliveries.markFailed(scope, message, {
      reason,
      platformCode,
      partIds,
    });
    if (!failed) return 'done';
    this.metrics.delivery(platform, 'failed');
    this.logger.warn(
      `${platform} delivery of message ${message.seq} in ${job.conversationId} failed for good: ${reason}`,
    );
    await this.notices.failedForGood(scope.workspaceId, job.conversationId, message.id, reason);
    return 'done';
  }
}
