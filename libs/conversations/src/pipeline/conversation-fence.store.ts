import { Injectable } from '@nestjs/common';
import type { ConversationStatus, MessageStatus } from '@cxgenie/contracts';
import {
  type TenantScope,
  isUniqueViolation,
  preparedStatement,
  runPrepared,
  pgSafeText,
  pgSafeValue,
} from '@cxgenie/database';
import { type OutboxJob, outboxInsertSql, outboxParameter } from '../outbox/outbox';
import { fromStatusesSql, toStatusSql } from '../state/sql';

// Whether a later customer message was already waiting when the fence moved (the statement's
// snapshot): if not, the worker need not read the backlog again before letting go of the lock.
// One arriving later is found by the look after the release (DrainConversation).
const MORE_PENDING = `EXISTS (SELECT 1 FROM messages w
                  WHERE w.conversation_id = $2::uuid AND w.workspace_id = $3::uuid
                    AND w.direction = 'inbound' AND w.seq > $1::int) AS more_pending`;

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
   ), ${outboxInsertSql(10, 3, 'advanced')}
   INSERT INTO messages (id, workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, status,
                         reply_to_message_id, metadata)
   SELECT $4::uuid, $3::uuid, $2::uuid, $5::uuid, reply_seq, 'outbound', 'bot', $6::text, $7::text, $8::uuid, $9::jsonb
     FROM advanced
   RETURNING seq, created_at, (SELECT status FROM advanced) AS status, ${MORE_PENDING}`,
);

const ADVANCE = preparedStatement(
  'advance_without_reply',
  `WITH advanced AS (
     UPDATE conversations
        SET processed_inbound_seq = $1::int, updated_at = now(), processed_at = clock_timestamp()
      WHERE id = $2::uuid AND workspace_id = $3::uuid AND processed_inbound_seq < $1::int
      RETURNING status
   ), ${outboxInsertSql(4, 3, 'advanced')}
   SELECT status, ${MORE_PENDING} FROM advanced`,
);

// The same fence, and human mode in the same statement: the messages queued behind this one must
// not be answered by the bot either. A conversation not in a state a handoff applies to (closed
// meanwhile) keeps its status; the ticket app then drops the request.
const HAND_OFF_AT = preparedStatement(
  'hand_off_at_message',
  `WITH advanced AS (
     UPDATE conversations
        SET processed_inbound_seq = $1::int,
            status = CASE WHEN status IN (${fromStatusesSql('hand_off')}) THEN ${toStatusSql('hand_off')} ELSE status END,
            updated_at = now(), processed_at = clock_timestamp()
      WHERE id = $2::uuid AND workspace_id = $3::uuid AND processed_inbound_seq < $1::int
      RETURNING status
   ), ${outboxInsertSql(4, 3, 'advanced')}
   SELECT status FROM advanced`,
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
  /** A later customer message was already waiting at the commit. */
  morePending: boolean;
}

/** A message handled without a reply: the conversation's status then, and whether more waited. */
export interface AdvancedFence {
  status: ConversationStatus;
  morePending: boolean;
}

/**
 * The pipeline's fence in PostgreSQL: `processed_inbound_seq` moves to a message only if nobody
 * moved it there yet, in the same statement as whatever handling the message produced. A worker
 * that lost its lock, or a retry after a crash, therefore cannot handle a message twice; with
 * `reply_to_message_id` unique as the last line.
 *
 * Each takes the jobs to publish once it commits (a handoff request, the agents' not-enough-data
 * report): they are written to the outbox by the same statement, so a crash right after the
 * commit cannot lose them (OutboxStore).
 */
@Injectable()
export class ConversationFenceStore {
  /** Null when the message was already handled (by somebody else), or an agent has the conversation. */
  async commitReply(
    scope: TenantScope,
    reply: ReplyToCommit,
    jobs: readonly OutboxJob[] = [],
  ): Promise<CommittedReply | null> {
    try {
      const [row] = await runPrepared<{
        seq: number;
        created_at: Date;
        status: ConversationStatus;
        more_pending: boolean;
      }>(scope.sequelize, COMMIT_REPLY, [
        reply.replyTo.seq,
        reply.conversationId,
        scope.workspaceId,
        reply.replyId,
        reply.channelId,
        pgSafeText(reply.text),
        reply.status,
        reply.replyTo.id,
        JSON.stringify(pgSafeValue(reply.metadata)),
        outboxParameter(jobs),
      ]);
      if (!row) return null;
      return {
        seq: row.seq,
        createdAt: new Date(row.created_at),
        conversationStatus: row.status,
        morePending: row.more_pending,
      };
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
    jobs: readonly OutboxJob[] = [],
  ): Promise<ConversationStatus | null> {
    return (await this.advanceReporting(scope, conversationId, seq, jobs))?.status ?? null;
  }

  /** advanceWithoutReply, also telling whether a later customer message already waited. */
  async advanceReporting(
    scope: TenantScope,
    conversationId: string,
    seq: number,
    jobs: readonly OutboxJob[] = [],
  ): Promise<AdvancedFence | null> {
    const [row] = await runPrepared<{ status: ConversationStatus; more_pending: boolean }>(
      scope.sequelize,
      ADVANCE,
      [seq, conversationId, scope.workspaceId, outboxParameter(jobs)],
    );
    return row ? { status: row.status, morePending: row.more_pending } : null;
  }

  /**
   * The customer asked for a human at message `seq`: handled without a reply, and the conversation
   * to human mode, atomically. Null when the message was already handled.
   */
  async handOffAt(
    scope: TenantScope,
    conversationId: string,
    seq: number,
    jobs: readonly OutboxJob[] = [],
  ): Promise<ConversationStatus | null> {
    return this.advance(scope, HAND_OFF_AT, conversationId, seq, jobs);
  }

  private async advance(
    scope: TenantScope,
    statement: typeof ADVANCE,
    conversationId: string,
    seq: number,
    jobs: readonly OutboxJob[],
  ): Promise<ConversationStatus | null> {
    const [row] = await runPrepared<{ status: ConversationStatus }>(scope.sequelize, statement, [
      seq,
      conversationId,
      scope.workspaceId,
      outboxParameter(jobs),
    ]);
    return row?.status ?? null;
  }
}
