import { QueryTypes, type Transaction } from 'sequelize';
import type { ChannelType, ConversationStatus } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { CSAT_WINDOW_HOURS } from './csat';

export interface RatingAttempt {
  conversationId: string;
  rating: number;
  comment: string | null;
  /** When set, the conversation must belong to this customer. */
  customerId?: string;
}

/** A rating that was saved (only ever in answer to a question, so there is one). */
export type SavedRating = RatingRow & { id: string; request_message_id: string };

export interface RatingRow {
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

/**
 * Saves a rating if the conversation may be rated now: closed within the window, its customer
 * asked, and not rated since it was last closed (a reopened and closed again conversation is asked,
 * and rated, again: the newer rating replaces the older). One statement, so two submissions at
 * once save one rating. The agent is the assignee, else the last agent who wrote.
 * Returns null when the conversation does not exist (for this customer).
 */
export async function saveRating(
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
