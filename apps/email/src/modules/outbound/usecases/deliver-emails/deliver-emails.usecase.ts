import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type HandoffRequestJobData, QueueNames, ServerEvents } from '@cxgenie/contracts';
import {
  type DeliveryProgress,
  MessageDeliveriesStore,
  type PendingDelivery,
} from '@cxgenie/conversations';
import { type TenantScope, TenantConnections } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import { LockKeeper, RedisLocks } from '@cxgenie/redis';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { EmailChannel } from '../../../../core-modules/email-channels/email-channel';
import { EmailChannelDirectory } from '../../../../core-modules/email-channels/email-channel-directory';
import { MailStore, storageKeyOfUrl } from '../../../../core-modules/mail-store/mail-store';
import { EmailMetrics } from '../../../../core-modules/metrics/email-metrics';
import { EmailMessagesRepository } from '../../../../core-modules/threading/email-messages.repository';
import { ThreadTokens } from '../../../../core-modules/threading/thread-token';
import { composeMail } from '../../composing/compose-mail';
import type { EmailOutboundJob } from '../../outbound-job';
import { OutboundException } from '../../outbound.exception';
import { classifySendFailure } from '../../transport/send-failure';
import { SmtpTransports } from '../../transport/smtp-transports';

const LOCK_TTL_MS = 60_000;
/** After this many failed attempts a message is failed for good (about 17 minutes of backoff). */
export const MAX_SEND_ATTEMPTS = 10;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

/** How long before attempt `attempt + 1`: exponential from 1 s, capped at 5 min, ±20 % jitter. */
export const retryDelayMs = (attempt: number, random: () => number = Math.random): number =>
  Math.round(
    Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS) * (0.8 + 0.4 * random()),
  );

type Outcome = 'sent' | 'failed' | 'retry';

/**
 * Sends a conversation's queued messages by mail, strictly in sequence order: whoever holds the
 * conversation's lock sends every queued message, oldest first. A server that refuses for now
 * (4xx, connection trouble) holds the conversation until the message's next attempt (kept on the
 * message, so whichever worker picks the conversation up waits too), with one delayed job to
 * resume; one that refuses for good (5xx, a refused login), or the last attempt, fails the message
 * with the server's words, tells the agents and hands the conversation to a human. A bounce that
 * arrives later fails a sent message the same way (ReceiveEmail).
 */
@Injectable()
export class DeliverEmails {
  private readonly logger = new Logger(DeliverEmails.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly deliveries: MessageDeliveriesStore,
    private readonly channels: EmailChannelDirectory,
    private readonly mails: EmailMessagesRepository,
    private readonly store: MailStore,
    private readonly tokens: ThreadTokens,
    private readonly transports: SmtpTransports,
    private readonly locks: RedisLocks,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly metrics: EmailMetrics,
    @InjectQueue(QueueNames.EmailOutbound) private readonly queue: Queue<EmailOutboundJob>,
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly handoffs: Queue<HandoffRequestJobData>,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Under the deployment's prefix, as its queues are. */
  private lockKey(conversationId: string): string {
    return `${this.config.queuePrefix}:email:outbound:${conversationId}`;
  }

  /** Returns how many messages this call sent or failed for good. */
  async drain(job: EmailOutboundJob): Promise<number> {
    const scope = await this.tenants.scope(job.workspaceId);
    let finished = 0;
    for (;;) {
      const lock = await this.locks.acquire(this.lockKey(job.conversationId), LOCK_TTL_MS);
      if (!lock) return finished;
      const keeper = new LockKeeper(this.locks, lock, LOCK_TTL_MS).start();
      let waiting = false;
      try {
        for (
          let next = await this.deliveries.nextPending(scope, job.conversationId);
          next && !keeper.lost;
          next = await this.deliveries.nextPending(scope, job.conversationId)
        ) {
          if (await this.heldBack(job, next)) {
            waiting = true;
            break;
          }
          const outcome = await this.deliver(scope, job, next);
          if (outcome === 'retry') {
            waiting = true;
            break;
          }
          finished += 1;
        }
      } finally {
        await keeper.release();
      }
      // A message queued while this worker was finishing must not be stranded: look once more.
      if (waiting || !(await this.deliveries.nextPending(scope, job.conversationId)))
        return finished;
    }
  }

  /** True when the oldest message waits for its next attempt: a resume job is then due for it. */
  private async heldBack(job: EmailOutboundJob, message: PendingDelivery): Promise<boolean> {
    const next = message.delivery?.nextAttemptAt ? Date.parse(message.delivery.nextAttemptAt) : 0;
    const waitMs = next - Date.now();
    if (waitMs <= 0) return false;
    await this.resumeLater(job, message, waitMs);
    return true;
  }

  private async resumeLater(job: EmailOutboundJob, message: PendingDelivery, delayMs: number) {
    const attempts = message.delivery?.attempts ?? 0;
    const { resumeAt: _previous, ...data } = job;
    await this.queue.add(
      { ...data, resumeAt: new Date(Date.now() + delayMs).toISOString() },
      { delay: delayMs, jobId: `email-resume:${message.id}:${attempts}` },
    );
  }

  private async deliver(
    scope: TenantScope,
    job: EmailOutboundJob,
    message: PendingDelivery,
  ): Promise<Outcome> {
    const channel = await this.channels.findInWorkspace(scope.workspaceId, message.channel_id);
    try {
      if (!channel) throw OutboundException.channelGone();
      if (!message.external_id) throw OutboundException.noRecipient();
      const head = await this.mails.threadHead(scope, job.conversationId);
      const { options, rfcMessageId } = composeMail({
        channel,
        messageId: message.id,
        senderType: message.sender_type,
        text: message.text,
        recipient: message.external_id,
        token: this.tokens.sign(job.conversationId),
        head,
        attachments: await this.attachmentsOf(message),
      });
      await this.transports.for(channel).sendMail(options);
      await this.deliveries.markSent(scope, message, [rfcMessageId]);
      await this.mails.recordSent(scope, {
        channelId: channel.id,
        rfcMessageId,
        conversationId: job.conversationId,
        messageId: message.id,
        customerId: head?.customerId ?? null,
        subject: String(options.subject),
        referenceIds: String(options.references ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => id.replace(/^<|>$/g, '')),
      });
      this.metrics.delivery('sent');
      this.announce(scope.workspaceId, job.conversationId, message.id, 'sent', null);
      return 'sent';
    } catch (error) {
      if (error instanceof OutboundException)
        return this.fail(scope, job, message, error.message, error.code);
      const failure = classifySendFailure(error);
      if (failure.permanent) return this.fail(scope, job, message, failure.reason, failure.code);
      return this.retryLater(scope, job, message, failure.reason, channel);
    }
  }

  private async attachmentsOf(message: PendingDelivery) {
    const out = [];
    for (const attachment of message.attachments) {
      const key = storageKeyOfUrl(attachment.url);
      // Only files we keep: a message never makes this service fetch a URL from elsewhere.
      if (key) out.push({ attachment, content: await this.store.get(key) });
    }
    return out;
  }

  private async retryLater(
    scope: TenantScope,
    job: EmailOutboundJob,
    message: PendingDelivery,
    reason: string,
    channel: EmailChannel | null,
  ): Promise<Outcome> {
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
    await this.resumeLater(job, { ...message, delivery }, delayMs);
    this.metrics.delivery('retry');
    this.logger.warn(
      `mail for message ${message.seq} in ${job.conversationId} (channel ${channel?.id}) not sent (attempt ${attempts}), retrying in ${delayMs} ms: ${reason}`,
    );
    return 'retry';
  }

  private async fail(
    scope: TenantScope,
    job: EmailOutboundJob,
    message: PendingDelivery,
    reason: string,
    code: string | null,
  ): Promise<Outcome> {
    const failed = await this.deliveries.markFailed(scope, message, {
      reason,
      platformCode: code,
      partIds: [],
    });
    if (!failed) return 'failed';
    this.metrics.delivery('failed');
    this.logger.warn(
      `mail for message ${message.seq} in ${job.conversationId} failed for good: ${reason}`,
    );
    this.announce(scope.workspaceId, job.conversationId, message.id, 'failed', reason);
    // The bot cannot reach this customer by mail: a human takes over (the ticket app).
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
    return 'failed';
  }

  private announce(
    workspaceId: string,
    conversationId: string,
    messageId: string,
    status: 'sent' | 'failed',
    reason: string | null,
  ): void {
    this.broadcaster.toConversation(workspaceId, conversationId, ServerEvents.MessageStatus, {
      conversationId,
      messageId,
      status,
      reason,
      at: new Date().toISOString(),
    });
  }
}
