import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type InboundMessageJobData, type MessagePayload, QueueNames } from '@cxgenie/contracts';
import { CustomerMessageIntakeRepository, type TenantScope } from '@cxgenie/database';
import { currentTraceId, withTraceId } from '@cxgenie/observability';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ConversationEvents } from '../../realtime/conversation-events';
import type { ReceiveCustomerMessageCommand } from './receive-customer-message.command';

/**
 * Accepts a customer message: it gets the conversation's next sequence number and is persisted
 * before anything else happens (the intake every channel shares), then waits on
 * `conversation.inbound` for the bot. Accepting is cheap on purpose: platforms and widgets want an
 * answer within milliseconds.
 */
@Injectable()
export class ReceiveCustomerMessage {
  constructor(
    @InjectQueue(QueueNames.ConversationInbound)
    private readonly inbound: Queue<InboundMessageJobData>,
    private readonly events: ConversationEvents,
    private readonly intake: CustomerMessageIntakeRepository,
  ) {}

  async execute(
    scope: TenantScope,
    command: ReceiveCustomerMessageCommand,
  ): Promise<MessagePayload> {
    const accepted = await this.intake.accept(scope, {
      conversationId: command.conversationId,
      text: command.text,
      attachments: command.attachments,
      platformMessageId: command.platformMessageId,
      traceId: currentTraceId() ?? null,
    });
    if (!accepted) throw new ResourceNotFoundException('Conversation');
    const message: MessagePayload = {
      id: accepted.id,
      conversationId: accepted.conversationId,
      seq: accepted.seq,
      direction: 'inbound',
      senderType: 'customer',
      text: accepted.text,
      attachments: accepted.attachments,
      status: accepted.status,
      replyToMessageId: null,
      createdAt: accepted.createdAt.toISOString(),
    };
    this.events.messageCreated(scope.workspaceId, message);
    await this.inbound.add(
      withTraceId({
        workspaceId: scope.workspaceId,
        conversationId: message.conversationId,
        messageId: message.id,
        seq: message.seq,
      }),
    );
    return message;
  }
}
