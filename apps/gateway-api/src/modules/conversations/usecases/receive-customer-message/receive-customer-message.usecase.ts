import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueryTypes } from 'sequelize';
import { type InboundMessageJobData, type MessagePayload, QueueNames } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { currentTraceId, withTraceId } from '@cxgenie/observability';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { toMessagePayload } from '../../message-payload';
import { ConversationEvents } from '../../realtime/conversation-events';
import type { ReceiveCustomerMessageCommand } from './receive-customer-message.command';

/**
 * Accepts a customer message: it gets the conversation's next sequence number and is persisted
 * before anything else happens, then waits on `conversation.inbound` for the bot. Accepting is
 * cheap on purpose: platforms and widgets want an answer within milliseconds.
 */
@Injectable()
export class ReceiveCustomerMessage {
  constructor(
    @InjectQueue(QueueNames.ConversationInbound)
    private readonly inbound: Queue<InboundMessageJobData>,
    private readonly events: ConversationEvents,
  ) {}

  async execute(
    scope: TenantScope,
    command: ReceiveCustomerMessageCommand,
  ): Promise<MessagePayload> {
    const message = await scope.sequelize.transaction(async (transaction) => {
      // The row lock taken here serialises sequence numbers within the conversation.
      const [next] = await scope.sequelize.query<{ seq: number; channel_id: string }>(
        `UPDATE conversations SET last_message_seq = last_message_seq + 1, last_message_at = now(), updated_at = now()
          WHERE id = :conversationId AND workspace_id = :workspaceId
          RETURNING last_message_seq AS seq, channel_id`,
        {
          replacements: { conversationId: command.conversationId, workspaceId: scope.workspaceId },
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      if (!next) throw new ResourceNotFoundException('Conversation');
      return scope.models.Message.create(
        {
          workspaceId: scope.workspaceId,
          conversationId: command.conversationId,
          channelId: next.channel_id,
          seq: next.seq,
          direction: 'inbound',
          senderType: 'customer',
          text: command.text,
          attachments: command.attachments ?? [],
          platformMessageId: command.platformMessageId ?? null,
          traceId: currentTraceId() ?? null,
        },
        { transaction },
      );
    });
    const payload = toMessagePayload(message);
    this.events.messageCreated(scope.workspaceId, payload);
    await this.inbound.add(
      withTraceId({
        workspaceId: scope.workspaceId,
        conversationId: message.conversationId,
        messageId: message.id,
        seq: message.seq,
      }),
    );
    return payload;
  }
}
