import { QueryTypes, type Transaction } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';
import type { ConversationStatus } from '@cxgenie/contracts';
import { ConversationsException } from '../conversations.exception';
import {
  CONVERSATION_TRANSITIONS,
  type ConversationTransition,
  illegalTransition,
} from './conversation-status';
import type { ConversationStateRow } from './conversation-state';

export interface TransitionRequest {
  conversationId: string;
  transition: ConversationTransition;
  /** Extra SET items (conversations' own columns, `:named` replacements); status and updated_at are set here. */
  set?: string;
  replacements?: Record<string, unknown>;
  transaction?: Transaction;
}

type Row = Partial<ConversationStateRow> & { current_status: ConversationStatus };

/**
 * Applies one transition of the state machine in one statement under the conversation's row
 * lock, returning the state before and after: two agents clicking at once are serialised, and
 * each learns what it really changed. The lock is the one the pipeline's sequence numbers take,
 * so a change and a message never interleave half-way. A conversation in a state the transition
 * does not start from is an `ILLEGAL_TRANSITION`; an unknown one, `CONVERSATION_NOT_FOUND`.
 */
export async function applyTransition(
  scope: TenantScope,
  request: TransitionRequest,
): Promise<ConversationStateRow> {
  const { from, to } = CONVERSATION_TRANSITIONS[request.transition];
  const [row] = await scope.sequelize.query<Row>(
    `WITH old AS (
       SELECT id, status, assignee_id FROM conversations
        WHERE id = :conversationId AND workspace_id = :workspaceId
        FOR UPDATE
     ), updated AS (
       UPDATE conversations c SET status = :to${request.set ? `, ${request.set}` : ''}, updated_at = now()
         FROM old
        WHERE c.id = old.id AND old.status IN (:from)
        RETURNING c.id, c.status, c.assignee_id, c.closed_at, c.updated_at, c.channel_id, c.customer_id,
                  old.status AS previous_status, old.assignee_id AS previous_assignee_id,
                  (SELECT ch.type FROM channels ch WHERE ch.id = c.channel_id) AS channel_type
     )
     SELECT old.status AS current_status, updated.* FROM old LEFT JOIN updated ON true`,
    {
      replacements: {
        ...request.replacements,
        conversationId: request.conversationId,
        workspaceId: scope.workspaceId,
        from,
        to,
      },
      type: QueryTypes.SELECT,
      transaction: request.transaction,
    },
  );
  if (!row) throw ConversationsException.notFound();
  if (!row.id) throw illegalTransition(request.transition, row.current_status);
  const { current_status: _current, ...state } = row;
  return state as ConversationStateRow;
}
