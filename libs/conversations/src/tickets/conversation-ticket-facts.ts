import { QueryTypes, type Transaction } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';
import {
  type MilestoneRow,
  type TicketMilestone,
  milestoneColumns,
  toMilestone,
} from './ticket-milestone';

/*
 * What an agent's action on a conversation tells its ticket, written in the action's own
 * transaction (the event names are TICKET_EVENT_TYPES).
 */

/**
 * The agent gave the conversation back to the bot: recorded on its latest ticket, where the time
 * fences stale handoff requests (a request older than this does not pull it back to a human).
 */
export async function recordHandBack(
  scope: TenantScope,
  conversationId: string,
  actorId: string | null,
  transaction: Transaction,
): Promise<void> {
  await scope.sequelize.query(
    `INSERT INTO ticket_events (workspace_id, ticket_id, type, actor_type, actor_id, data)
     SELECT t.workspace_id, t.id, 'conversation.handed_back', :actorType, :actorId,
            jsonb_build_object('conversationId', t.conversation_id)
       FROM tickets t
      WHERE t.conversation_id = :conversationId AND t.workspace_id = :workspaceId
      ORDER BY t.created_at DESC LIMIT 1`,
    {
      replacements: {
        conversationId,
        workspaceId: scope.workspaceId,
        actorType: actorId ? 'agent' : 'system',
        actorId,
      },
      type: QueryTypes.INSERT,
      transaction,
    },
  );
}

/** An agent's first reply on an active ticket: its first-response time, for the SLA. */
export async function recordFirstResponse(
  scope: TenantScope,
  conversationId: string,
  agentId: string,
  messageId: string,
  transaction: Transaction,
): Promise<TicketMilestone | null> {
  const [row] = await scope.sequelize.query<MilestoneRow>(
    `WITH answered AS (
       UPDATE tickets SET first_responded_at = now(), updated_at = now()
        WHERE conversation_id = :conversationId AND workspace_id = :workspaceId
          AND status IN ('open', 'pending') AND first_responded_at IS NULL
        RETURNING *
     ), logged AS (
       INSERT INTO ticket_events (workspace_id, ticket_id, type, actor_type, actor_id, data)
       SELECT workspace_id, id, 'ticket.first_response', 'agent', :agentId,
              jsonb_build_object('messageId', CAST(:messageId AS text))
         FROM answered
     )
     SELECT ${milestoneColumns('first_responded_at', 'first_response_due_at')} FROM answered`,
    {
      replacements: { conversationId, workspaceId: scope.workspaceId, agentId, messageId },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return row ? toMilestone(row) : null;
}

/**
 * Closing the conversation solves its active ticket: otherwise the ticket would keep holding its
 * agent's capacity and run its SLA clocks for a conversation nobody can answer any more. Returns
 * the tickets solved (none or one: one active ticket per conversation).
 */
export async function solveTicketOfClosedConversation(
  scope: TenantScope,
  conversationId: string,
  actorId: string | null,
  transaction: Transaction,
): Promise<TicketMilestone[]> {
  const rows = await scope.sequelize.query<MilestoneRow>(
    `WITH solved AS (
       UPDATE tickets t SET status = 'solved', solved_at = now(), updated_at = now(),
              sla_paused_seconds = t.sla_paused_seconds
                + CASE WHEN t.sla_paused_at IS NULL THEN 0 ELSE extract(epoch FROM now() - t.sla_paused_at) END,
              sla_paused_at = NULL
         FROM tickets before
        WHERE t.id = before.id AND t.conversation_id = :conversationId
          AND t.workspace_id = :workspaceId AND t.status IN ('open', 'pending')
        RETURNING t.*, before.status AS previous
     ), logged AS (
       INSERT INTO ticket_events (workspace_id, ticket_id, type, actor_type, actor_id, data)
       SELECT workspace_id, id, 'ticket.status_changed', :actorType, :actorId,
              jsonb_build_object('from', previous, 'to', 'solved', 'cause', 'conversation.closed')
         FROM solved
     )
     SELECT ${milestoneColumns('solved_at', 'resolution_due_at')}, 'solved' AS status FROM solved`,
    {
      replacements: {
        conversationId,
        workspaceId: scope.workspaceId,
        actorType: actorId ? 'agent' : 'system',
        actorId,
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return rows.map(toMilestone);
}
