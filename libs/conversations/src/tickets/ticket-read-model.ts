import {
  type TicketContext,
  type TicketPayload,
  type TicketPriority,
  type TicketStatus,
  slaClockOf,
  slaTargetView,
} from '@cxgenie/contracts';

/**
 * Tickets as agents see them, read the same way by gateway-api (REST) and the ticket app
 * (socket events): one row shape, one statement, one presentation.
 */

/** A ticket with its recorded SLA breaches, as `ticketSelect` reads it. */
export interface TicketRow {
  id: string;
  workspace_id: string;
  conversation_id: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  assignee_id: string | null;
  tags: string[];
  context: TicketContext;
  first_response_due_at: Date | null;
  first_responded_at: Date | null;
  resolution_due_at: Date | null;
  solved_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  first_response_breached_at: Date | null;
  resolution_breached_at: Date | null;
}

/**
 * Tickets `t` with their breach times, whatever the page size: the breaches are a lateral lookup
 * on the unique (ticket, breach type) index. Append WHERE conditions on `t`; `extraColumns` join
 * the select list (e.g. a cursor).
 */
export const ticketSelect = (extraColumns: readonly string[] = []): string => `
  SELECT t.id, t.workspace_id, t.conversation_id, t.subject, t.status, t.priority, t.assignee_id, t.tags,
         t.context, t.first_response_due_at, t.first_responded_at, t.resolution_due_at, t.solved_at,
         t.closed_at, t.created_at, t.updated_at, b.first_response_breached_at, b.resolution_breached_at
         ${extraColumns.map((column) => `, ${column}`).join('')}
    FROM tickets t
    LEFT JOIN LATERAL (
      SELECT max(e.created_at) FILTER (WHERE e.type = 'sla.first_response_breached') AS first_response_breached_at,
             max(e.created_at) FILTER (WHERE e.type = 'sla.resolution_breached') AS resolution_breached_at
        FROM ticket_events e
       WHERE e.ticket_id = t.id AND e.type IN ('sla.first_response_breached', 'sla.resolution_breached')
    ) b ON true`;

const date = (value: Date | string | null): Date | null => (value ? new Date(value) : null);

export function presentTicket(row: TicketRow, now = new Date()): TicketPayload {
  const clock = slaClockOf(row.status);
  return {
    id: row.id,
    conversationId: row.conversation_id,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    assigneeId: row.assignee_id,
    tags: row.tags,
    context: row.context,
    sla: {
      firstResponse: slaTargetView(
        {
          dueAt: date(row.first_response_due_at),
          achievedAt: date(row.first_responded_at),
          breachedAt: date(row.first_response_breached_at),
        },
        clock,
        now,
      ),
      resolution: slaTargetView(
        {
          dueAt: date(row.resolution_due_at),
          achievedAt: date(row.solved_at) ?? date(row.closed_at),
          breachedAt: date(row.resolution_breached_at),
        },
        clock,
        now,
      ),
    },
    solvedAt: date(row.solved_at)?.toISOString() ?? null,
    closedAt: date(row.closed_at)?.toISOString() ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
