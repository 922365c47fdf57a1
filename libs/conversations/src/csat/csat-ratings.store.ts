import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import type { ChannelType, ConversationStatus } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { ConversationsException, ConversationsExceptionCode } from '../conversations.exception';
import { type AppendedMessage, OutboundMessageStore } from '../messages/outbound-message.store';
import type { ConversationStateRow } from '../state/conversation-state';
import { applyTransition } from '../state/transition';
import { CSAT_THANKS, CSAT_WINDOW_HOURS } from './csat-texts';

export interface RatingAttempt {
  conversationId: string;
  rating: number;
  comment: string | null;
  /** When set, the conversation must belong to this customer. */
  customerId?: string;
}

/** A saved rating (only ever in answer to a question, so there is one). */
export interface SavedRating {
  id: string;
  request_message_id: string;
  rating: number;
  comment: string | null;
  agent_id: string | null;
  bot_id: string | null;
  customer_id: string;
  channel_type: ChannelType;
  created_at: Date;
}

interface RatingRow {
  status: ConversationStatus;
  open_for_rating: boolean;
  already_rated: boolean | null;
  request_message_id: string | null;
  channel_type: ChannelType;
  customer_id: string;
  /** Null when nothing was saved. */
  id: string | null;
  rating: number;
  comment: string | null;
  agent_id: string | null;
  bot_id: string | null;
  created_at: Date;
}

/** A digit a customer typed that rated a closed conversation. */
export interface RatingReply {
  /** Where the digit was written: the closed conversation itself, or a new one it opened. */
  conversationId: string;
  ratedConversationId: string;
  rating: number;
  messageId: string;
}

export interface RatedByReply {
  saved: SavedRating;
  thanks: AppendedMessage;
  /** The conversation the digit opened, closed again (it never waits in an inbox). */
  reclosed: ConversationStateRow | null;
}

/**
 * Customer satisfaction ratings. A conversation may be rated when closed within the window, its
 * customer was asked, and it was not rated since it was last closed (a reopened and closed again
 * conversation is asked, and rated, again: the newer rating replaces the older). The agent is the
 * assignee, else the last agent who wrote.
 */
@Injectable()
export class CsatRatingsStore {
  constructor(private readonly messages: OutboundMessageStore) {}

  /** The widget's buttons or the REST route; refusals are domain errors naming the reason. */
  async submit(scope: TenantScope, attempt: RatingAttempt): Promise<SavedRating> {
    const row = await this.save(scope, attempt);
    if (!row) throw ConversationsException.notFound();
    if (!row.id) throw refusal(row);
    return row as SavedRating;
  }

  /**
   * A typed digit: the rating, the thanks and the closing of a conversation opened only by the
   * rating commit together. Null when the conversation may not be rated (the digit is then an
   * ordinary message).
   */
  rateByReply(scope: TenantScope, reply: RatingReply): Promise<RatedByReply | null> {
    return scope.sequelize.transaction(async (transaction) => {
      const row = await this.save(
        scope,
        { conversationId: reply.ratedConversationId, rating: reply.rating, comment: null },
        transaction,
      );
      if (!row?.id) return null;
      const thanks = await this.messages.append(
        scope,
        {
          conversationId: reply.conversationId,
          senderType: 'system',
          senderId: null,
          text: CSAT_THANKS,
          metadata: { csat: { kind: 'thanks', replyTo: reply.messageId } },
        },
        transaction,
      );
      const reclosed =
        reply.ratedConversationId === reply.conversationId
          ? null
          : await this.recloseOpenedByRating(scope, reply.conversationId, transaction);
      return { saved: row as SavedRating, thanks, reclosed };
    });
  }

  /** Already closed by somebody else meanwhile: nothing left to do, the rating still counts. */
  private async recloseOpenedByRating(
    scope: TenantScope,
    conversationId: string,
    transaction: Transaction,
  ): Promise<ConversationStateRow | null> {
    try {
      return await applyTransition(scope, {
        conversationId,
        transition: 'close',
        set: 'closed_at = now()',
        transaction,
      });
    } catch (error) {
      if (
        error instanceof ConversationsException &&
        error.code === ConversationsExceptionCode.ILLEGAL_TRANSITION
      )
        return null;
      throw error;
    }
  }

  /** One statement, so two submissions at once save one rating. Null: no such conversation. */
  private async save(
    scope: TenantScope,
    attempt: RatingAttempt,
    transaction?: Transaction,
  ): Promise<RatingRow | null> {
    const [row] = await scope.sequelize.query<RatingRow>(
      `WITH target AS (
         SELECT c.id AS conversation_id, c.workspace_id, c.customer_id, c.bot_id, c.status, c.closed_at,
                COALESCE(c.assignee_id, (
                  SELECT m.sender_id FROM messages m
                   WHERE m.conversation_id = c.id AND m.sender_type = 'agent' AND m.sender_id IS NOT NULL
                   ORDER BY m.seq DESC LIMIT 1)) AS agent_id,
                (SELECT m.id FROM messages m
                  WHERE m.conversation_id = c.id AND m.sender_type = 'system'
                    AND m.metadata -> 'csat' ->> 'kind' = 'request' AND m.created_at >= c.closed_at
                  ORDER BY m.seq DESC LIMIT 1) AS request_message_id,
                (SELECT ch.type FROM channels ch WHERE ch.id = c.channel_id) AS channel_type,
                (c.status = 'closed' AND c.closed_at > now() - make_interval(hours => :windowHours)) AS open_for_rating,
                (SELECT r.created_at >= c.closed_at FROM csat_ratings r WHERE r.conversation_id = c.id) AS already_rated
           FROM conversations c
          WHERE c.id = :conversationId AND c.workspace_id = :workspaceId
            ${attempt.customerId ? 'AND c.customer_id = :customerId' : ''}
       ), saved AS (
         INSERT INTO csat_ratings (workspace_id, conversation_id, customer_id, agent_id, bot_id, rating, comment)
         SELECT workspace_id, conversation_id, customer_id, agent_id, bot_id, :rating, :comment
           FROM target
          WHERE open_for_rating AND request_message_id IS NOT NULL AND already_rated IS NOT TRUE
         ON CONFLICT (conversation_id) DO UPDATE
            SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, agent_id = EXCLUDED.agent_id,
                bot_id = EXCLUDED.bot_id, customer_id = EXCLUDED.customer_id, created_at = now()
          WHERE csat_ratings.created_at < (SELECT closed_at FROM target)
         RETURNING id, rating, comment, agent_id, bot_id, created_at
       )
       SELECT target.status, target.open_for_rating, target.already_rated, target.request_message_id,
              target.channel_type, target.customer_id, saved.*
         FROM target LEFT JOIN saved ON true`,
      {
        replacements: {
          conversationId: attempt.conversationId,
          workspaceId: scope.workspaceId,
          customerId: attempt.customerId ?? null,
          rating: attempt.rating,
          comment: attempt.comment,
          windowHours: CSAT_WINDOW_HOURS,
        },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return row ?? null;
  }
}

const REFUSALS: Record<
  Exclude<
    ConversationsExceptionCode,
    'CONVERSATION_NOT_FOUND' | 'ILLEGAL_TRANSITION' | 'ATTACHMENTS_NOT_CARRIED'
  >,
  [string, string]
> = {
  CSAT_ALREADY_SUBMITTED: ['This conversation has already been rated', 'is already rated'],
  CSAT_NOT_CLOSED: ['Only a closed conversation can be rated', 'is not closed'],
  CSAT_NOT_ASKED: [
    'The customer was not asked to rate this conversation',
    'was not asked for a rating',
  ],
  CSAT_EXPIRED: ['The time to rate this conversation has passed', 'can no longer be rated'],
};

function refusal(row: RatingRow): ConversationsException {
  const code = row.already_rated
    ? ConversationsExceptionCode.CSAT_ALREADY_SUBMITTED
    : row.status !== 'closed'
      ? ConversationsExceptionCode.CSAT_NOT_CLOSED
      : !row.open_for_rating
        ? ConversationsExceptionCode.CSAT_EXPIRED
        : !row.request_message_id
          ? ConversationsExceptionCode.CSAT_NOT_ASKED
          : // Lost a race with a simultaneous submission: that one was saved.
            ConversationsExceptionCode.CSAT_ALREADY_SUBMITTED;
  const [message, detail] = REFUSALS[code as keyof typeof REFUSALS];
  return new ConversationsException(code, message, [{ field: 'conversationId', message: detail }]);
}
