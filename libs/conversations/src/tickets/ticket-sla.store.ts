import { Injectable } from '@nestjs/common';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { SlaTarget, TicketPriority } from '@cxgenie/contracts';
import {
  type MilestoneRow,
  type TicketMilestone,
  milestoneColumns,
  toMilestone,
} from './ticket-milestone';

export interface RecordedBreach {
  ticket_id: string;
  workspace_id: string;
  conversation_id: string;
  target: SlaTarget;
  priority: TicketPriority;
  assignee_id: string | null;
  due_at: Date;
  breached_at: Date;
}

/*
 * A first response is the first agent message after the ticket opened. The agent's reply records
 * it when it is sent; this catches every other path (and older tickets) the same way.
 */
const RECORD_FIRST_RESPONSES = `
  WITH first AS (
    SELECT t.id, t.workspace_id, min(m.created_at) AS at
      FROM tickets t
      JOIN messages m ON m.conversation_id = t.conversation_id AND m.sender_type = 'agent'
                     AND m.created_at >= t.created_at
     WHERE t.first_responded_at IS NULL AND t.status IN ('open', 'pending') AND t.workspace_id = ANY(:workspaceIds)
     GROUP BY t.id, t.workspace_id
  ), updated AS (
    UPDATE tickets t SET first_responded_at = first.at, updated_at = now()
      FROM first WHERE t.id = first.id
    RETURNING t.*
  ), logged AS (
    INSERT INTO ticket_events (workspace_id, ticket_id, type, actor_type, data)
    SELECT workspace_id, id, 'ticket.first_response', 'system', jsonb_build_object('at', first_responded_at)
      FROM updated
  )
  SELECT ${milestoneColumns('first_responded_at', 'first_response_due_at')} FROM updated`;

/*
 * Only open tickets: a pending one waits on the customer and its clocks are stopped (its due
 * times move by the pause when it leaves pending). Each crossed target is inserted as a history
 * row at most once (a unique index on ticket and breach type), so the rows this statement returns
 * are exactly the breaches nobody reported yet, even with several ticket instances checking at
 * once.
 */
const RECORD_BREACHES = `
  WITH due AS (
    SELECT t.id, t.workspace_id, t.conversation_id, t.priority, t.assignee_id,
           'first_response' AS target, 'sla.first_response_breached' AS type, t.first_response_due_at AS due_at
      FROM tickets t
     WHERE t.status = 'open' AND t.first_responded_at IS NULL
       AND t.first_response_due_at <= now() AND t.workspace_id = ANY(:workspaceIds)
    UNION ALL
    SELECT t.id, t.workspace_id, t.conversation_id, t.priority, t.assignee_id,
           'resolution', 'sla.resolution_breached', t.resolution_due_at
      FROM tickets t
     WHERE t.status = 'open' AND t.resolution_due_at <= now()
       AND t.workspace_id = ANY(:workspaceIds)
  ), fresh AS (
    SELECT due.* FROM due
     WHERE NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = due.id AND e.type = due.type)
  ), recorded AS (
    INSERT INTO ticket_events (workspace_id, ticket_id, type, actor_type, data)
    SELECT workspace_id, id, type, 'system',
           jsonb_build_object('target', target, 'priority', priority, 'dueAt', due_at)
      FROM fresh
    ON CONFLICT DO NOTHING
    RETURNING ticket_id, type, created_at
  )
  SELECT f.id AS ticket_id, f.workspace_id, f.conversation_id, f.target, f.priority, f.assignee_id,
         f.due_at, r.created_at AS breached_at
    FROM recorded r JOIN fresh f ON f.id = r.ticket_id AND f.type = r.type`;

/**
 * The SLA clocks' bookkeeping over one database (the shared one, or a dedicated workspace's):
 * `workspaceIds` null means every workspace of that database.
 */
@Injectable()
export class TicketSlaStore {
  /** First responses no reply recorded (an agent message by another path), recorded; returns those. */
  async recordFirstResponses(
    sequelize: Sequelize,
    workspaceIds: string[] | null,
  ): Promise<TicketMilestone[]> {
    const rows = await sequelize.query<MilestoneRow>(scoped(RECORD_FIRST_RESPONSES, workspaceIds), {
      replacements: { workspaceIds: workspaceIds ?? [] },
      type: QueryTypes.SELECT,
    });
    return rows.map(toMilestone);
  }

  /** Every target crossed and not yet recorded, recorded once; returns those. */
  recordBreaches(sequelize: Sequelize, workspaceIds: string[] | null): Promise<RecordedBreach[]> {
    return sequelize.query<RecordedBreach>(scoped(RECORD_BREACHES, workspaceIds), {
      replacements: { workspaceIds: workspaceIds ?? [] },
      type: QueryTypes.SELECT,
    });
  }
}

const scoped = (sql: string, workspaceIds: string[] | null): string =>
  workspaceIds ? sql : sql.replace(/ AND t\.workspace_id = ANY\(:workspaceIds\)/g, '');
