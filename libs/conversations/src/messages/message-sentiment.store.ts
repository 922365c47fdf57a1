import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';

export interface JudgedMessage {
  messageId: string;
  conversationId: string;
  /** In [-1, 1]. */
  score: number;
}

/*
 * Each message is judged once: a message that already has a score keeps it (the analytics job that
 * carried it may run twice), and only newly judged ones move their conversation's mean.
 *
 * One batch moves several conversations: `locked` takes their rows first and in id order, so two
 * batches (or a batch and the intake, the fence) never hold one each and wait for the other's. It
 * is read whole (the count) before anything is updated: the one-time filter of `scored`.
 */
const RECORD = `
  WITH locked AS (
    SELECT id FROM conversations
     WHERE id = ANY(CAST(:conversationIds AS uuid[])) AND workspace_id = :workspaceId
     ORDER BY id FOR UPDATE
  ), judged AS (
    SELECT * FROM unnest(CAST(:messageIds AS uuid[]), CAST(:conversationIds AS uuid[]),
                         CAST(:scores AS real[])) AS j(message_id, conversation_id, score)
  ), scored AS (
    UPDATE messages m SET sentiment_score = j.score
      FROM judged j
     WHERE m.id = j.message_id AND m.conversation_id = j.conversation_id
       AND m.workspace_id = :workspaceId AND m.sender_type = 'customer' AND m.sentiment_score IS NULL
       AND (SELECT count(*) FROM locked) >= 0
    RETURNING m.conversation_id, j.score
  ), per_conversation AS (
    SELECT conversation_id, sum(score) AS total, count(*) AS n FROM scored GROUP BY conversation_id
  )
  UPDATE conversations c
     SET sentiment_score = (coalesce(c.sentiment_score, 0) * c.sentiment_messages + p.total)
                           / (c.sentiment_messages + p.n),
         sentiment_messages = c.sentiment_messages + p.n
    FROM per_conversation p
   WHERE c.id = p.conversation_id AND c.workspace_id = :workspaceId
  RETURNING c.id`;

/**
 * The sentiment of customer messages (judged by the analytics writer), and with it the mean
 * sentiment of their conversations, which the inbox filters on. The conversation owner's one
 * operation on these columns.
 */
@Injectable()
export class MessageSentimentStore {
  /** Returns how many conversations moved. */
  async record(scope: TenantScope, judged: readonly JudgedMessage[]): Promise<number> {
    if (judged.length === 0) return 0;
    // One statement, no transaction around it: one round trip for the batch.
    const rows = await scope.sequelize.query(RECORD, {
      replacements: {
        workspaceId: scope.workspaceId,
        messageIds: `{${judged.map((j) => j.messageId).join(',')}}`,
        conversationIds: `{${judged.map((j) => j.conversationId).join(',')}}`,
        scores: `{${judged.map((j) => j.score).join(',')}}`,
      },
      type: QueryTypes.SELECT,
    });
    return rows.length;
  }
}
