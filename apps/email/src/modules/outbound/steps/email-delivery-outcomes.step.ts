import { Injectable, Logger } from '@nestjs/common';
import {
  type DeliveryProgress,
  DeliveryNotices,
  MessageDeliveriesStore,
  type PendingDelivery,
  type SendOutcome,
} from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import type { EmailChannel } from '../../../core-modules/email-channels/email-channel';
import { EmailMetrics } from '../../../core-modules/metrics/email-metrics';
import {
  EmailMessagesRepository,
  type SentMail,
} from '../../../core-modules/threading/email-messages.repository';
import type { EmailOutboundJob } from '../outbound-job';
import { EmailResumes } from './email-resumes.step';

/** After this many failed attempts a message is failed for good (about 17 minutes of backoff). */
export const MAX_SEND_ATTEMPTS = 10;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

/** How long before attempt `attempt + 1`: exponential from 1 s, capped at 5 min, ±20 % jitter. */
export const retryDelayMs = (attempt: number, random: () => number = Math.random): number =>
  Math.round(
    Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS) * (0.8 + 0.4 * random()),
  );

/**
 * What becomes of a mail the server took, refused for now (4xx, connection trouble) or refused for
 * good (5xx, a refused login, or the last attempt): recorded in the thread and announced, retried
 * later, or failed with the server's words and a human asked for.
 */
@Injectable()
export class EmailDeliveryOutcomes {
  private readonly logger = new Logger(EmailDeliveryOutcomes.name);

  constructor(
    private readonly deliveries: MessageDeliveriesStore,
    private readonly mails: EmailMessagesRepository,
    private readonly notices: DeliveryNotices,
    private readonly resumes: EmailResumes,
    private readonly metrics: EmailMetrics,
  ) {}

  /** Sent: the message marked, and the mail recorded so that replies thread onto it. */
  async sent(
    scope: TenantScope,
    job: EmailOutboundJob,
    message: PendingDelivery,
    mail: SentMail,
  ): Promise<SendOutcome> {
    await this.deliveries.markSent(scope, message, [mail.rfcMessageId]);
    await this.mails.recordSent(scope, mail);
    this.metrics.delivery('sent');
    this.notices.status(scope.workspaceId, job.conversationId, message.id, 'sent', null);
    return 'done';
  }

  async retryLater(
    scope: TenantScope,
    job: EmailOutboundJob,
    message: PendingDelivery,
    reason: string,
    channel: EmailChannel | null,
  ): Promise<SendOutcome> {
    const attempts = (message.delivery?.attempts ?? 0) + 1;
    if (attempts >= MAX_SEND_ATTEMPTS)
      return this.fail(scope, job, message, `gave up after ${attempts} attempts: ${reason}`, null);
    const delayMs = retryDelayMs(attempts);
    const delivery: DeliveryProgress = {
      attempts,
      lastError: reason,
      nextAttemptAt: new Date(Date.now() + delayMs).toISOString(),
    };
    await this.deliveries.recordRetry(scope, message.id, delivery);
    await this.resumes.resumeLater(job, { ...message, delivery }, delayMs);
    this.metrics.delivery('retry');
    this.logger.warn(
      `mail for message ${message.seq} in ${job.conversationId} (channel ${channel?.id}) not sent (attempt ${attempts}), retrying in ${delayMs} ms: ${reason}`,
    );
    return 'wait';
  }

  async fail(
    scope: TenantScope,
    job: EmailOutboundJob,
    message: PendingDelivery,
    reason: string,
    code: string | null,
  ): Promise<SendOutcome> {
    const failed = await this.deliveries.markFailed(scope, message, {
      reason,
      platformCode: code,
      partIds: [],
    });
    if (!failed) return 'done';
    this.metrics.delivery('failed');
    this.logger.warn(
      `mail for message ${message.seq} in ${job.conversationId} failed for good: ${reason}`,
    );
    // The bot cannot reach this customer by mail: a human takes over (the ticket app).
    await this.notices.failedForGood(scope.workspaceId, job.conversationId, message.id, reason);
    return 'done';
  }
}
