import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueryTypes, type Transaction } from 'sequelize';
import {
  type ChannelOutboundJobData,
  type ChannelType,
  type ConversationStatus,
  type MessagePayload,
  QueueNames,
} from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { currentTraceId, withTraceId } from '@cxgenie/observability';
import { ConversationEvents } from '../realtime/conversation-events';
import type { ConversationStateRow } from './conversation-state';

export interface OutboundMessage {
  conversationId: string;
  senderType: 'agent' | 'system';
  senderId: string | null;
  text: string;
  metadata?: Record<string, unknown>;
  /**
   * An agent's reply claims the conversation: human mode (so the bot falls silent), the replier
   * assigned if nobody is. Refused on a closed conversation.
   */
  claimFor?: string;
}

export type AppendResult =
  | {
      kind: 'done';
      message: MessagePayload;
      state: ConversationStateRow;
      channelId: string;
      channelType: ChannelType;
    }
  | { kind: 'conflict'; status: ConversationStatus }
  | { kind: 'missing' };

interface Row {
  current_status: ConversationStatus;
  id: string | null;
  seq: number;
  status: ConversationStatus;
  assignee_id: string | null;
  closed_at: Date | null;
  updated_at: Date;
  previous_status: ConversationStatus;
  previous_assignee_id: string | null;
  channel_id: string;
  channel_type: ChannelType;
  message_id: string | null;
  message_status: MessagePayload['status'];
  message_created_at: Date;
}

/**
 * Agent and system messages to the customer. Persisting takes the conversation's next sequence
 * number in the same statement pattern as customer messages and bot replies (the conversation's
 * row lock orders them), so everything reaches the customer in one order. Publishing (after the
 * commit) is what the bot's replies get too: live to the widget and the agents, and onto
 * `channel.outbound` for every other channel.
 */
@Injectable()
export class OutboundMessages {
  constructor(
    private readonly events: ConversationEvents,
    @InjectQueue(QueueNames.ChannelOutbound)
    private readonly outbound: Queue<ChannelOutboundJobData>,
  ) {}

  async append(scope: TenantScope, message: OutboundMessage): Promise<AppendResult> {
    const result = await this.persist(scope, message);
    if (result.kind === 'done') await this.publish(scope.workspaceId, result);
    return result;
  }

  async persist(
    scope: TenantScope,
    message: OutboundMessage,
    transaction?: Transaction,
  ): Promise<AppendResult> {
    const claim = message.claimFor !== undefined;
    const [row] = await scope.sequelize.query<Row>(
      `WITH old AS (
         SELECT c.id, c.status, c.assignee_id, c.channel_id, ch.type AS channel_type
           FROM conversations c JOIN channels ch ON ch.id = c.channel_id
          WHERE c.id = :conversationId AND c.workspace_id = :workspaceId
          FOR UPDATE OF c
       ), next AS (
         UPDATE conversations c
            SET last_message_seq = c.last_message_seq + 1, last_message_at = now(), updated_at = now()
                ${claim ? `, status = 'human', assignee_id = COALESCE(c.assignee_id, :claimFor)` : ''}
           FROM old
          WHERE c.id = old.id ${claim ? `AND old.status <> 'closed'` : ''}
          RETURNING c.last_message_seq AS seq, c.status, c.assignee_id, c.closed_at, c.updated_at,
                    old.status AS previous_status, old.assignee_id AS previous_assignee_id,
                    old.channel_id, old.channel_type
       ), inserted AS (
         INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, sender_id,
                               text, status, metadata, trace_id)
         SELECT :workspaceId, :conversationId, channel_id, seq, 'outbound', :senderType, :senderId, :text,
                CASE WHEN channel_type = 'web' THEN 'sent' ELSE 'queued' END, CAST(:metadata AS jsonb), :traceId
           FROM next
         RETURNING id, status, created_at
       )
       SELECT old.status AS current_status, old.id, next.seq, next.status, next.assignee_id, next.closed_at,
              next.updated_at, next.previous_status, next.previous_assignee_id, old.channel_id,
              old.channel_type, inserted.id AS message_id, inserted.status AS message_status,
              inserted.created_at AS message_created_at
         FROM old LEFT JOIN next ON true LEFT JOIN inserted ON true`,
      {
        replacements: {
          conversationId: message.conversationId,
          workspaceId: scope.workspaceId,
          claimFor: message.claimFor ?? null,
          senderType: message.senderType,
          senderId: message.senderId,
          text: message.text,
          metadata: JSON.stringify(message.metadata ?? {}),
          traceId: currentTraceId() ?? null,
        },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (!row) return { kind: 'missing' };
    if (!row.message_id) return { kind: 'conflict', status: row.current_status };
    return {
      kind: 'done',
      channelId: row.channel_id,
      channelType: row.channel_type,
      state: {
        id: message.conversationId,
        status: row.status,
        assignee_id: row.assignee_id,
        closed_at: row.closed_at,
        updated_at: row.updated_at,
        previous_status: row.previous_status,
        previous_assignee_id: row.previous_assignee_id,
        channel_type: row.channel_type,
      },
      message: {
        id: row.message_id,
        conversationId: message.conversationId,
        seq: row.seq,
        direction: 'outbound',
        senderType: message.senderType,
        text: message.text,
        attachments: [],
        status: row.message_status,
        replyToMessageId: null,
        createdAt: new Date(row.message_created_at).toISOString(),
      },
    };
  }

  /** After the commit: never announce a message that might still roll back. */
  async publish(
    workspaceId: string,
    result: Extract<AppendResult, { kind: 'done' }>,
  ): Promise<void> {
    this.events.messageCreated(workspaceId, result.message);
    // The widget has it from the socket; every other channel needs a delivery.
    if (result.channelType === 'web') return;
    await this.outbound.add(
      withTraceId({
        workspaceId,
        conversationId: result.message.conversationId,
        messageId: result.message.id,
        channelId: result.channelId,
        channelType: result.channelType,
      }),
    );
  }
}
