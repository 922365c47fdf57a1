import { pgSafeText, pgSafeValue } from '@cxgenie/database';
import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import {
  ATTACHMENT_CHANNELS,
  type Attachment,
  type ChannelType,
  type ConversationStatus,
  LIVE_DELIVERY_CHANNELS,
  type MessagePayload,
} from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { currentTraceId } from '@cxgenie/observability';
import { ConversationsException } from '../conversations.exception';
import { CONVERSATION_TRANSITIONS, illegalTransition } from '../state/conversation-status';
import type { ConversationStateRow } from '../state/conversation-state';

export interface OutboundMessage {
  conversationId: string;
  senderType: 'agent' | 'system';
  senderId: string | null;
  text: string;
  metadata?: Record<string, unknown>;
  /** Files already stored (`storage:` URLs); only channels in ATTACHMENT_CHANNELS carry them. */
  attachments?: Attachment[];
  /**
   * An agent's reply claims the conversation (`claim_by_reply`): human mode, so the bot falls
   * silent, and the replier assigned if nobody is. Refused on a closed conversation.
   */
  claimFor?: string;
}

/** A persisted outbound message, with the conversation's state before and after it. */
export interface AppendedMessage {
  message: MessagePayload;
  state: ConversationStateRow;
  channelId: string;
  channelType: ChannelType;
}

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
  customer_id: string;
  channel_type: ChannelType;
  message_id: string | null;
  message_status: MessagePayload['status'];
  message_created_at: Date;
}

const CLAIM = CONVERSATION_TRANSITIONS.claim_by_reply;

/**
 * Agent and system messages to the customer. Persisting takes the conversation's next sequence
 * number in the same statement pattern as customer messages and bot replies (the conversation's
 * row lock orders them), so everything reaches the customer in one order. A channel that
 * delivers live has the message as soon as it is announced (`sent`); any other waits for its
 * delivery (`queued`).
 */
@Injectable()
export class OutboundMessageStore {
  /**
   * `append`'s channel rule, asked before a reply's files are stored: `append` refuses them too,
   * but only once their bytes are kept, and nothing would remove those.
   */
  async assertCarriesFiles(scope: TenantScope, conversationId: string): Promise<void> {
    const [row] = await scope.sequelize.query<{ channel_type: ChannelType }>(
      `SELECT ch.type AS channel_type
         FROM conversations c JOIN channels ch ON ch.id = c.channel_id
        WHERE c.id = :conversationId AND c.workspace_id = :workspaceId`,
      {
        replacements: { conversationId, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
      },
    );
    if (!row) throw ConversationsException.notFound();
    if (!ATTACHMENT_CHANNELS.includes(row.channel_type))
      throw ConversationsException.attachmentsNotCarried(row.channel_type);
  }

  async append(
    scope: TenantScope,
    message: OutboundMessage,
    transaction?: Transaction,
  ): Promise<AppendedMessage> {
    const claim = message.claimFor !== undefined;
    const attachments = message.attachments ?? [];
    const [row] = await scope.sequelize.query<Row>(
      `WITH old AS (
         SELECT c.id, c.status, c.assignee_id, c.channel_id, c.customer_id, ch.type AS channel_type
           FROM conversations c JOIN channels ch ON ch.id = c.channel_id
          WHERE c.id = :conversationId AND c.workspace_id = :workspaceId
          FOR UPDATE OF c
       ), next AS (
         UPDATE conversations c
            SET last_message_seq = c.last_message_seq + 1, last_message_at = now(), updated_at = now()
                ${claim ? `, status = :claimTo, assignee_id = COALESCE(c.assignee_id, :claimFor)` : ''}
           FROM old
          WHERE c.id = old.id ${claim ? `AND old.status IN (:claimFrom)` : ''}
                ${attachments.length ? 'AND old.channel_type IN (:attachmentChannels)' : ''}
          RETURNING c.last_message_seq AS seq, c.status, c.assignee_id, c.closed_at, c.updated_at,
                    old.status AS previous_status, old.assignee_id AS previous_assignee_id,
                    old.channel_id, old.channel_type
       ), inserted AS (
         INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, sender_id,
                               text, attachments, status, metadata, trace_id)
         SELECT :workspaceId, :conversationId, channel_id, seq, 'outbound', :senderType, :senderId, :text,
                CAST(:attachments AS jsonb),
                CASE WHEN channel_type IN (:liveChannels) THEN 'sent' ELSE 'queued' END,
                CAST(:metadata AS jsonb), :traceId
           FROM next
         RETURNING id, status, created_at
       )
       SELECT old.status AS current_status, old.id, next.seq, next.status, next.assignee_id, next.closed_at,
              next.updated_at, next.previous_status, next.previous_assignee_id, old.channel_id,
              old.customer_id, old.channel_type, inserted.id AS message_id, inserted.status AS message_status,
              inserted.created_at AS message_created_at
         FROM old LEFT JOIN next ON true LEFT JOIN inserted ON true`,
      {
        replacements: {
          conversationId: message.conversationId,
          workspaceId: scope.workspaceId,
          claimFor: message.claimFor ?? null,
          claimFrom: CLAIM.from,
          claimTo: CLAIM.to,
          liveChannels: LIVE_DELIVERY_CHANNELS,
          senderType: message.senderType,
          senderId: message.senderId,
          text: pgSafeText(message.text),
          metadata: JSON.stringify(pgSafeValue(message.metadata ?? {})),
          attachments: JSON.stringify(pgSafeValue(attachments)),
          attachmentChannels: ATTACHMENT_CHANNELS,
          traceId: currentTraceId() ?? null,
        },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (!row) throw ConversationsException.notFound();
    if (!row.message_id && attachments.length && !ATTACHMENT_CHANNELS.includes(row.channel_type))
      throw ConversationsException.attachmentsNotCarried(row.channel_type);
    if (!row.message_id) throw illegalTransition('claim_by_reply', row.current_status);
    return {
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
        channel_id: row.channel_id,
        customer_id: row.customer_id,
      },
      message: {
        id: row.message_id,
        conversationId: message.conversationId,
        seq: row.seq,
        direction: 'outbound',
        senderType: message.senderType,
        text: message.text,
        attachments,
        status: row.message_status,
        replyToMessageId: null,
        createdAt: new Date(row.message_created_at).toISOString(),
      },
    };
  }
}
