import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { type HandoffRequestJobData, QueueNames, ServerEvents } from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';
import { RealtimeBroadcaster } from '@cxgenie/realtime';

/**
 * What a delivery tells the rest of the platform, the same on every channel that delivers its own
 * messages: its status to both sides of the conversation, and, when a message failed for good, a
 * handoff request (the bot can no longer reach the customer there; the ticket app opens the
 * ticket with the reason for the agents). A service using this registers the handoff queue.
 */
@Injectable()
export class DeliveryNotices {
  private readonly logger = new Logger(DeliveryNotices.name);

  constructor(
    private readonly broadcaster: RealtimeBroadcaster,
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly handoffs: Queue<HandoffRequestJobData>,
  ) {}

  /** Sent or failed: to both sides of the conversation (a failure reaches every agent). */
  status(
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

  /** The failure announced, then a human asked for (once per message, however often retried). */
  async failedForGood(
    workspaceId: string,
    conversationId: string,
    messageId: string,
    reason: string,
  ): Promise<void> {
    this.status(workspaceId, conversationId, messageId, 'failed', reason);
    await this.handoffs
      .add(
        withTraceId({
          workspaceId,
          conversationId,
          reason: 'delivery_failed' as const,
          messageId,
          note: `Delivery failed: ${reason}`,
          requestedAt: new Date().toISOString(),
        }),
        { jobId: `delivery-failed:${messageId}` },
      )
      .catch((error: Error) => this.logger.warn(`handoff after failed delivery: ${error.message}`));
  }
}
