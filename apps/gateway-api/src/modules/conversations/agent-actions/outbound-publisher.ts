import { Injectable } from '@nestjs/common';
import { ServerEvents } from '@cxgenie/contracts';
import type { AppendedMessage } from '@cxgenie/conversations';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { OutboundDelivery } from '../delivery/outbound-delivery';

/**
 * After an agent's or the system's message committed (never before: it might still roll back):
 * shown live to both sides of the conversation, and on its way to the customer's channel.
 */
@Injectable()
export class OutboundPublisher {
  constructor(
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly delivery: OutboundDelivery,
  ) {}

  async publish(workspaceId: string, appended: AppendedMessage): Promise<void> {
    const { message } = appended;
    this.broadcaster.toConversation(
      workspaceId,
      message.conversationId,
      ServerEvents.MessageCreated,
      message,
    );
    await this.delivery.queue(workspaceId, {
      conversationId: message.conversationId,
      messageId: message.id,
      channelId: appended.channelId,
      channelType: appended.channelType,
    });
  }
}
