import type { FactOf, TicketPriority } from '@cxgenie/contracts';

/**
 * A ticket reaching an SLA target's moment (its first response, its resolution), as the owner's
 * statement that recorded it saw it: what analytics and the SLA reports count.
 */
export interface TicketMilestone {
  ticketId: string;
  workspaceId: string;
  conversationId: string;
  priority: TicketPriority;
  assigneeId: string | null;
  /** When it happened. */
  at: Date;
  /** From the opening, the time spent pending (SLA clocks stopped) excluded. */
  seconds: number;
  /** Whether it came before the target's due time. */
  withinTarget: boolean;
  /** For a resolution: solved or closed. */
  status?: 'solved' | 'closed';
}

export interface MilestoneRow {
  ticket_id: string;
  workspace_id: string;
  conversation_id: string;
  priority: TicketPriority;
  assignee_id: string | null;
  at: Date;
  seconds: number | string;
  within_target: boolean;
  status?: 'solved' | 'closed';
}

/** The SQL of a milestone's columns, over a row of `tickets` (or a RETURNING of it). */
export const milestoneColumns = (at: string, dueAt: string, alias = ''): string => {
  const t = alias ? `${alias}.` : '';
  return `${t}id AS ticket_id, ${t}workspace_id, ${t}conversation_id, ${t}priority, ${t}assignee_id,
          ${at} AS at,
          greatest(0, extract(epoch FROM ${at} - ${t}created_at) - ${t}sla_paused_seconds) AS seconds,
          coalesce(${at} <= ${dueAt}, false) AS within_target`;
};

export const toMilestone = (row: MilestoneRow): TicketMilestone => ({
  ticketId: row.ticket_id,
  workspaceId: row.workspace_id,
  conversationId: row.conversation_id,
  priority: row.priority,
  assigneeId: row.assignee_id,
  at: new Date(row.at),
  seconds: Math.round(Number(row.seconds) * 1000) / 1000,
  withinTarget: row.within_target,
  ...(row.status ? { status: row.status } : {}),
});

/** The analytics fact of a first response (its id is the ticket's: a ticket has one). */
export const firstResponseFact = (
  m: TicketMilestone,
  agentId: string | null,
): FactOf<'ticket.first_response'> => ({
  type: 'ticket.first_response',
  id: m.ticketId,
  workspaceId: m.workspaceId,
  occurredAt: m.at.toISOString(),
  conversationId: m.conversationId,
  ticketId: m.ticketId,
  agentId: agentId ?? m.assigneeId,
  priority: m.priority,
  seconds: m.seconds,
  withinTarget: m.withinTarget,
});

/** The analytics fact of a resolution; a reopened ticket resolved again is another one. */
export const resolvedFact = (m: TicketMilestone): FactOf<'ticket.resolved'> => ({
  type: 'ticket.resolved',
  id: `${m.ticketId}@${m.at.getTime()}`,
  workspaceId: m.workspaceId,
  occurredAt: m.at.toISOString(),
  conversationId: m.conversationId,
  ticketId: m.ticketId,
  agentId: m.assigneeId,
  status: m.status ?? 'solved',
  priority: m.priority,
  seconds: m.seconds,
  withinTarget: m.withinTarget,
});
