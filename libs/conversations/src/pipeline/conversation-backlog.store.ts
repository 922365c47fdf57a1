import { Injectable } from '@nestjs/common';
import type { ChannelType, ConversationStatus } from '@cxgenie/contracts';
import { type TenantScope, preparedStatement, runPrepared } from '@cxgenie/database';

/** The conversation as it is now (not when a job was queued): an agent may have taken over. */
export interface ConversationState {
  status: ConversationStatus;
  bot_id: string;
  customer_id: string;
  channel_id: string;
  channel_type: ChannelType;
}

export interface WaitingMessage {
  id: string;
  seq: number;
  text: string;
  /** Sent by a machine on the customer's behalf (an auto-reply): never answered by the bot. */
  automated: boolean;
  /** From the later of its arrival and its predecessor's completion, to the fetch (the database's clock). */
  waited_ms: number;
}

export interface HistoryMessage {
  seq: number;
  senderType: string;
  text: string;
}

/** The customer messages waiting for the bot, oldest first, with what came before them. */
export interface Backlog {
  state: ConversationState;
  pending: WaitingMessage[];
  /** The last messages before the newest pending one, oldest first: every pending message's history. */
  history: HistoryMessage[];
}

interface BacklogRow extends ConversationState {
  pending: WaitingMessage[];
  history: HistoryMessage[];
}

const FETCH_BACKLOG = preparedStatement(
  'fetch_conversation_backlog',
  `SELECT c.status, c.bot_id, c.customer_id, c.channel_id, ch.type AS channel_type, p.pending, h.history
     FROM conversations c
     JOIN channels ch ON ch.id = c.channel_id
     CROSS JOIN LATERAL (
       SELECT coalesce(json_agg(json_build_object(
                'id', m.id, 'seq', m.seq, 'text', m.text, 'automated', m.automated,
                'waited_ms', EXTRACT(EPOCH FROM clock_timestamp() - GREATEST(m.created_at, c.processed_at)) * 1000
              ) ORDER BY m.seq), '[]'::json) AS pending,
              max(m.seq) AS newest_seq
         FROM (SELECT id, seq, text, created_at, coalesce(metadata ->> 'automated' = 'true', false) AS automated
                 FROM messages
                WHERE conversation_id = c.id AND workspace_id = c.workspace_id
                  AND direction = 'inbound' AND seq > c.processed_inbound_seq
                ORDER BY seq LIMIT $3::int) m
     ) p
     CROSS JOIN LATERAL (
       SELECT coalesce(json_agg(json_build_object('seq', m.seq, 'senderType', m.sender_type, 'text', m.text)
                ORDER BY m.seq), '[]'::json) AS history
         FROM (SELECT seq, sender_type, text FROM messages
                WHERE conversation_id = c.id AND workspace_id = c.workspace_id AND seq < p.newest_seq
                ORDER BY seq DESC LIMIT $4::int) m
     ) h
    WHERE c.id = $1::uuid AND c.workspace_id = $2::uuid`,
);

const HAS_PENDING = preparedStatement(
  'conversation_has_pending',
  `SELECT 1 FROM conversations c
     JOIN messages m ON m.conversation_id = c.id AND m.workspace_id = c.workspace_id
    WHERE c.id = $1::uuid AND c.workspace_id = $2::uuid
      AND m.direction = 'inbound' AND m.seq > c.processed_inbound_seq
    LIMIT 1`,
);

/**
 * What waits for the bot, read in one round trip: the conversation's state, up to `limit` waiting
 * customer messages, and enough earlier messages for each one's history. A worker draining a busy
 * conversation then pays one query per message (its reply) instead of three.
 */
@Injectable()
export class ConversationBacklogStore {
  async fetch(
    scope: TenantScope,
    conversationId: string,
    { limit, historyPerMessage }: { limit: number; historyPerMessage: number },
  ): Promise<Backlog | null> {
    const [row] = await runPrepared<BacklogRow>(scope.sequelize, FETCH_BACKLOG, [
      conversationId,
      scope.workspaceId,
      limit,
      limit + historyPerMessage,
    ]);
    if (!row) return null;
    const { pending, history, ...state } = row;
    return { state, pending, history };
  }

  /** Whether any customer message still waits (the check after letting go of the lock). */
  async hasPending(scope: TenantScope, conversationId: string): Promise<boolean> {
    const rows = await runPrepared(scope.sequelize, HAS_PENDING, [
      conversationId,
      scope.workspaceId,
    ]);
    return rows.length > 0;
  }
}
