import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { type HandoffRequestJobData, QueueNames } from '@cxgenie/contracts';
import { DeliveryNotices, MessageDeliveriesStore } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import type { EmailChannel } from '../../../core-modules/email-channels/email-channel';
import { EmailMessagesRepository } from '../../../core-modules/threading/email-messages.repository';
import { type BounceReport, isFailure } from '../parsing/bounce-report';
import type { ReceiveOutcome } from '../usecases/receive-email/receive-email.command';
import type { SettleBase } from './claimed-mail';

/**
 * A delivery report: a permanent failure of one of our messages marks it failed with the
 * receiving server's words, tells the agents, and hands the conversation to a human (the bot
 * cannot reach this customer by mail), as a failed platform delivery does. Never a customer
 * message, so never answered.
 */
@Injectable()
export class ReceiveBounce {
  private readonly logger = new Logger(ReceiveBounce.name);

  constructor(
    private readonly deliveries: MessageDeliveriesStore,
    private readonly mails: EmailMessagesRepository,
    private readonly notices: DeliveryNotices,
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly handoffs: Queue<HandoffRequestJobData>,
  ) {}

  async execute(
    scope: TenantScope,
    channel: EmailChannel,
    report: BounceReport,
    claimId: string,
    base: SettleBase,
  ): Promise<ReceiveOutcome> {
    const reason = [report.status, report.diagnostic ?? report.action].filter(Boolean).join(' ');
    let failed: { messageId: string; conversationId: string; changed: boolean } | null = null;
    if (isFailure(report)) {
      for (const id of report.originalMessageIds) {
        failed = await this.deliveries.markBounced(scope, {
          channelId: channel.id,
          platformMessageId: id,
          reason: `Bounced: ${reason}`.slice(0, 1_000),
        });
        if (failed) break;
      }
    }
    await this.mails.settle(scope, claimId, {
      ...base,
      state: 'bounce',
      reason: `${report.action}${failed ? '' : ' (no message of ours)'}: ${reason}`.slice(0, 1_000),
      conversationId: failed?.conversationId ?? null,
      messageId: failed?.messageId ?? null,
    });
    if (failed?.changed) {
      this.logger.warn(`message ${failed.messageId} bounced: ${reason}`);
      this.notices.status(
        scope.workspaceId,
        failed.conversationId,
        failed.messageId,
        'failed',
        `Bounced: ${reason}`,
      );
      await this.handOff(scope, failed.conversationId, failed.messageId, reason);
    }
    return { kind: 'bounce', failedMessageId: failed?.messageId ?? null };
  }

  // Not DeliveryNotices.failedForGood: the note names the bounce, and a refused enqueue fails the
  // receipt (the sender retries it) instead of being only logged.
  private async handOff(
    scope: TenantScope,
    conversationId: string,
    messageId: string,
    reason: string,
  ): Promise<void> {
    await this.handoffs.add(
      withTraceId({
        workspaceId: scope.workspaceId,
        conversationId,
        reason: 'delivery_failed' as const,
        messageId,
        note: `Delivery failed: the mail bounced (${reason})`,
        requestedAt: new Date().toISOString(),
      }),
      { jobId: `delivery-failed:${messageId}` },
    );
  }
}
