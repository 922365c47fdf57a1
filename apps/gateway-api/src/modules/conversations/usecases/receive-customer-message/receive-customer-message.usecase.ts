import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueryTypes } from 'sequelize';
import { type InboundMessageJobData, type MessagePayload, QueueNames } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { currentTraceId, withTraceId } from '@cxgenie/observability';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ConversationEvents } from '../../realtime/conversation-events';
import type { ReceiveCustomerMessageCommand } from './receive-customer-message.command';

/**
 * Accepts a customer message: it gets the conversation's next sequence number and is persisted
 * before anything else happens, then waits on `conversation.inbound` for the bot. Accepting is
 * cheap on purpose: platforms and widgets want an answer within milliseconds.
 */
interface InboundRow {
  id: string;
  conversation_id: string;
  seq: number;
  text: string;
  attachments: MessagePayload['attachments'];
  status: MessagePayload['status'];
  created_at: Date;
}

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
    // One statement, so one round trip: the UPDATE's row lock serialises sequence numbers within
    // the conversation, and the INSERT only happens if the conversation is this workspace's.
    const [row] = await scope.sequelize.query<InboundRow>(
      `WITH next AS (
         UPDATE conversations SET last_message_seq = last_message_seq + 1, last_message_at = now(), updated_at = now()
          WHERE id = :conversationId AND workspace_id = :workspaceId
          RETURNING last_message_seq AS seq, channel_id
       )
       INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, attachments,
                             platform_message_id, trace_id)
       SELECT :workspaceId, :conversationId, channel_id, seq, 'inbound', 'customer', :text, CAST(:attachments AS jsonb),
              :platformMessageId, :traceId
         FROM next
       RETURNING id, conversation_id, seq, text, attachments, status, created_at`,
      {
        replacements: {
          conversationId: command.conversationId,
          workspaceId: scope.workspaceId,
          text: command.text,
          attachments: JSON.stringify(command.attachments ?? []),
          platformMessageId: command.platformMessageId ?? null,
          traceId: currentTraceId() ?? null,
        },
        type: QueryTypes.SELECT,
      },
    );
    if (!row) throw new ResourceNotFoundException('Conversation');
    const message: MessagePayload = {
      id: row.id,
      conversationId: row.conversation_id,
      seq: row.seq,
      direction: 'inbound',
      senderType: 'customer',
      text: row.text,
      attachments: row.attachments,
      status: row.status,
      replyToMessageId: null,
      createdAt: new Date(row.created_at).toISOString(),
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
