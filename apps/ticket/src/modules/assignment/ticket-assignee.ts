import { QueryTypes, type Transaction } from 'sequelize';
import type { AssignmentMode } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { recordTicketEvents } from '../../core-modules/tickets/ticket-events';

export interface AssigneeChange {
  ticketId: string;
  conversationId: string;
  assigneeId: string;
  previousAssigneeId: string | null;
}

/**
 * Sets an active ticket's assignee, mirrors it on the conversation (the inbox filters on it) and
 * records the change, in the caller's tenant transaction. `onlyIfUnassigned` makes it a no-op
 * (null) when somebody got the ticket first, e.g. an agent who claimed it meanwhile.
 */
export async function setTicketAssignee(
  scope: TenantScope,
  ticketId: string,
  assigneeId: string,
  how: { mode: AssignmentMode; actorId: string | null; onlyIfUnassigned: boolean },
  transaction: Transaction,
): Promise<AssigneeChange | null> {
  const [current] = await scope.sequelize.query<{
    conversation_id: string;
    assignee_id: string | null;
  }>(
    `SELECT conversation_id, assignee_id FROM tickets
      WHERE id = :ticketId AND workspace_id = :workspaceId AND status IN ('open', 'pending')
      FOR UPDATE`,
    {
      replacements: { ticketId, workspaceId: scope.workspaceId },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  if (!current || current.assignee_id === assigneeId) return null;
  if (how.onlyIfUnassigned && current.assignee_id !== null) return null;
  const replacements = {
    ticketId,
    assigneeId,
    workspaceId: scope.workspaceId,
    conversationId: current.conversation_id,
  };
  await scope.sequelize.query(
    `UPDATE tickets SET assignee_id = :assigneeId, updated_at = now() WHERE id = :ticketId AND workspace_id = :workspaceId;
     UPDATE conversations SET assignee_id = :assigneeId, updated_at = now()
      WHERE id = :conversationId AND workspace_id = :workspaceId`,
    { replacements, transaction },
  );
  await recordTicketEvents(
    scope.sequelize,
    [
      {
        workspaceId: scope.workspaceId,
        ticketId,
        type: 'ticket.assigned',
        actorType: how.actorId ? 'agent' : 'system',
        actorId: how.actorId,
        data: { assigneeId, previousAssigneeId: current.assignee_id, mode: how.mode },
      },
    ],
    transaction,
  );
  return {
    ticketId,
    conversationId: current.conversation_id,
    assigneeId,
    previousAssigneeId: current.assignee_id,
  };
}
