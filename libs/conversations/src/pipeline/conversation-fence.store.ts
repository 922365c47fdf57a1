import { Injectable } from '@nestjs/common';
import type { ConversationStatus, MessageStatus } from '@cxgenie/contracts';
import {
  type TenantScope,
  isUniqueViolation,
  preparedStatement,
  runPrepared,
} from '@cxgenie/database';
import { fromStatusesSql, toStatusSql } from '../state/sql';

// `last_message_at` orders the agents' inbox by the last message of a person (customer or agent):
// a bot reply does not move the conversation, and its update touches no indexed column, so
// PostgreSQL can make it a heap-only update (migration 0009).
//
// `status = 'bot'`: an agent who took the conversation over while the answer streamed wins, even
// over a worker that checked its lock just before.
const COMMIT_REPLY = preparedStatement(
  'commit_bot_reply',
  `WITH advanced AS (
     UPDATE conversations
        SET processed_inbound_seq = $1::int, last_message_seq = last_message_seq + 1,
            updated_at = now(), processed_at = clock_timestamp()
      WHERE id = $2::uuid AND workspace_id = $3::uuid AND processed_inbound_seq < $1::int
        AND status = 'bot'
      RETURNING last_message_seq AS reply_seq, status
   )
   INSERT INTO messages (id, workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, status,
                         reply_to_message_id, metadata)
   SELECT $4::uuid, $3::uuid, $2::uuid, $5::uuid, reply_seq, 'outbound', 'bot', $6::text, $7::text, $8::uuid, $9::jsonb
     FROM advanced
   RETURNING seq, created_at, (SELECT status FROM advanced) AS status`,
);

const ADVANCE = preparedStatement(
  'advance_without_reply',
  `UPDATE conversations
      SET processed_inbound_seq = $1::int, updated_at = now(), processed_at = clock_timestamp()
    WHERE id = $2::uuid AND workspace_id = $3::uuid AND processed_inbound_seq < $1::int
    RETURNING status`,
);

// The same fence, and human mode in the same statement: the messages queued behind this one must
// not be answered by the bot either. A conversation not in a state a handoff applies to (closed
// meanwhile) keeps its status; the ticket app then drops the request.
const HAND_OFF_AT = preparedStatement(
  'hand_off_at_message',
  `UPDATE conversations
      SET processed_inbound_seq = $1::int,
          status = CASE WHEN status IN (${fromStatusesSql('hand_off')}) THEN ${toStatusSql('hand_off')} ELSE status END,
          updated_at = now(), processed_at = clock_timestamp()
    WHERE id = $2::uuid AND workspace_id = $3::uuid AND processed_inbound_seq < $1::int
    RETURNING status`,
);

export interface ReplyToCommit {
  conversationId: string;
  /** The customer message answered: its sequence is the fence. */
  replyTo: { id: string; seq: number };
  replyId: string;
  channelId: string;
  text: string;
  /** `sent` when the channel delivers live (the widget has it already), else `queued`. */
  status: Extract<MessageStatus, 'sent' | 'queued'>;
  metadata: Record<string, unknown>;
}

export interface CommittedReply {
  seq: number;
  createdAt: Date;
  /** The conversation's status as of the commit. */
  conversationStatus: ConversationStatus;
}

/**
 * The pipeline's fence in PostgreSQL: `processed_inbound_seq` moves to a message only if nobody
 * moved it there yet, in the same statement as whatever handling the message produced. A worker
 * that lost its lock, or a retry after a crash, therefore cannot handle a message twice; with
 * `reply_to_message_id` unique as the last line.
 */
@Injectable()
export class ConversationFenceStore {
  /** Null when the message was already handled (by somebody else), or an agent has the conversation. */
  async commitReply(scope: TenantScope, reply: ReplyToCommit): Promise<CommittedReply | null> {
    try {
      const [row] = await runPrepared<{
        seq: number;
        created_at: Date;
        status: ConversationStatus;
      }>(scope.sequelize, COMMIT_REPLY, [
        reply.replyTo.seq,
        reply.conversationId,
        scope.workspaceId,
        reply.replyId,
        reply.channelId,
        reply.text,
        reply.status,
        reply.replyTo.id,
        JSON.stringify(reply.metadata),
      ]);
      if (!row) return null;
      return { seq: row.seq, createdAt: new Date(row.created_at), conversationStatus: row.status };
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Handled without a reply; returns the conversation's status, or null if already handled. */
  async advanceWithoutReply(
    scope: TenantScope,
    conversationId: string,
    seq: number,
  ): Promise<ConversationStatus | null> {
    return this.advance(scope, ADVANCE, conversationId, seq);
  }

  /**
   * The customer asked for a human at message `seq`: handled without a reply, and the conversation
   * to human mode, atomically. Null when the message was already handled.
   */
  async handOffAt(
    scope: TenantScope,
    conversationId: string,
    seq: number,
  ): Promise<ConversationStatus | null> {
    return this.advance(scope, HAND_OFF_AT, conversationId, seq);
  }

  private async advance(
    scope: TenantScope,
    statement: typeof ADVANCE,
    conversationId: string,
    seq: number,
  ): Promise<ConversationStatus | null> {
    const [row] = await runPrepared<{ status: ConversationStatus }>(scope.sequelize, statement, [
      seq,
      conversationId,
      scope.workspaceId,
    ]);
    return row?.status ?? null;
  }
}
