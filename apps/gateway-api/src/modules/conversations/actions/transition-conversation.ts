import { QueryTypes, type Transaction } from 'sequelize';
import type { ConversationStatus } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import type { ConversationStateRow } from './conversation-state';

export interface Transition {
  conversationId: string;
  /** The statuses the action applies to; any other is a conflict. */
  from: readonly ConversationStatus[];
  /** The SET list (conversations' own columns, `:named` replacements); updated_at is added. */
  set: string;
  replacements?: Record<string, unknown>;
  transaction?: Transaction;
}

export type TransitionResult =
  | { kind: 'done'; row: ConversationStateRow }
  | { kind: 'conflict'; status: ConversationStatus }
  | { kind: 'missing' };

type Row = Partial<ConversationStateRow> & { current_status: ConversationStatus };

/**
 * Changes a conversation's mode in one statement under its row lock, returning the state before
 * and after: two agents clicking at once are serialised, and each learns what it really changed.
 * The lock is the same one the pipeline's sequence numbers take, so a change and a message never
 * interleave half-way.
 */
export async function transitionConversation(
  scope: TenantScope,
  transition: Transition,
): Promise<TransitionResult> {
  const [row] = await scope.sequelize.query<Row>(
    `WITH old AS (
       SELECT id, status, assignee_id FROM conversations
        WHERE id = :conversationId AND workspace_id = :workspaceId
        FOR UPDATE
     ), updated AS (
       UPDATE conversations c SET ${transition.set}, updated_at = now()
         FROM old
        WHERE c.id = old.id AND old.status IN (:from)
        RETURNING c.id, c.status, c.assignee_id, c.closed_at, c.updated_at,
                  old.status AS previous_status, old.assignee_id AS previous_assignee_id,
                  (SELECT ch.type FROM channels ch WHERE ch.id = c.channel_id) AS channel_type
     )
     SELECT old.status AS current_status, updated.* FROM old LEFT JOIN updated ON true`,
    {
      replacements: {
        ...transition.replacements,
        conversationId: transition.conversationId,
        workspaceId: scope.workspaceId,
        from: transition.from,
      },
      type: QueryTypes.SELECT,
      transaction: transition.transaction,
    },
  );
  if (!row) return { kind: 'missing' };
  if (!row.id) return { kind: 'conflict', status: row.current_status };
  const { current_status: _current, ...state } = row;
  return { kind: 'done', row: state as ConversationStateRow };
}
