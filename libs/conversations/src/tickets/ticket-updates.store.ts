import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction, UniqueConstraintError } from 'sequelize';
import type { TicketEventType, TicketPriority, TicketStatus } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { type HistoryEntry, type TicketActor, recordTicketHistory } from './ticket-history';
import {
  type MilestoneRow,
  type TicketMilestone,
  milestoneColumns,
  toMilestone,
} from './ticket-milestone';
import { TicketsException, TicketsExceptionCode } from './tickets.exception';

export interface TicketPatch {
  status?: TicketStatus;
  priority?: TicketPriority;
  /** Already deduplicated, in the caller's order. */
  tags?: string[];
  subject?: string;
}

/** The SLA targets of the new priority, when the patch changes it. */
export interface PriorityTargets {
  firstResponseSeconds: number;
  resolutionSeconds: number;
}

export interface TicketBefore {
  status: TicketStatus;
  priority: TicketPriority;
  tags: string[];
  subject: string;
  assignee_id: string | null;
}

export type TicketField = 'status' | 'priority' | 'tags' | 'subject';

export interface TicketUpdate {
  changed: TicketField[];
  before: TicketBefore;
  /** Set when the update resolved an active ticket (solved, or closed without solving first). */
  resolved: TicketMilestone | null;
}

const RESOLVED_STATUSES: readonly TicketStatus[] = ['solved', 'closed'];
const ACTIVE_STATUSES: readonly TicketStatus[] = ['open', 'pending'];

/*
 * Pending stops the SLA clocks (the ticket waits on the customer). Leaving pending moves the due
 * times of the targets not reached yet by the pause's length; a new priority counts its targets
 * from the opening plus every pause. Every expression reads the row as it was before the update.
 */
const PAUSE_ENDS = `sla_paused_at IS NOT NULL AND :status <> 'pending'`;
const ENDING_PAUSE_SECONDS = `CASE WHEN ${PAUSE_ENDS} THEN extract(epoch FROM now() - sla_paused_at) ELSE 0 END`;

const STATUS_SETS = [
  'status = :status',
  `solved_at = CASE :status WHEN 'solved' THEN now() WHEN 'closed' THEN solved_at ELSE NULL END`,
  `closed_at = CASE :status WHEN 'closed' THEN now() ELSE closed_at END`,
  `sla_paused_at = CASE WHEN :status = 'pending' THEN coalesce(sla_paused_at, now()) ELSE NULL END`,
  `sla_paused_seconds = sla_paused_seconds + ${ENDING_PAUSE_SECONDS}`,
];

const SHIFTED_DUE_SETS = [
  `first_response_due_at = CASE WHEN ${PAUSE_ENDS} AND first_responded_at IS NULL
     THEN first_response_due_at + (now() - sla_paused_at) ELSE first_response_due_at END`,
  `resolution_due_at = CASE WHEN ${PAUSE_ENDS} AND solved_at IS NULL
     THEN resolution_due_at + (now() - sla_paused_at) ELSE resolution_due_at END`,
];

const recomputedDueSets = (statusChanges: boolean): string[] => {
  const paused = statusChanges
    ? `sla_paused_seconds + ${ENDING_PAUSE_SECONDS}`
    : 'sla_paused_seconds';
  return [
    `first_response_due_at = CASE WHEN first_responded_at IS NULL
       THEN created_at + make_interval(secs => :firstResponseSeconds + ${paused})
       ELSE first_response_due_at END`,
    `resolution_due_at = CASE WHEN solved_at IS NULL
       THEN created_at + make_interval(secs => :resolutionSeconds + ${paused})
       ELSE resolution_due_at END`,
  ];
};

const sameTags = (a: string[], b: string[]) =>
  a.length === b.length && a.every((tag, i) => tag === b[i]);

const FIELD_OF: Partial<Record<TicketEventType, TicketField>> = {
  'ticket.status_changed': 'status',
  'ticket.priority_changed': 'priority',
  'ticket.tags_changed': 'tags',
  'ticket.subject_changed': 'subject',
};

/**
 * A ticket's own fields (status, priority, tags, subject) and its notes. A closed ticket is
 * final. A new priority moves the SLA targets not reached yet to that priority's, counted from
 * the ticket's opening; time spent pending does not count against them.
 */
@Injectable()
export class TicketUpdatesStore {
  /** One transaction: the changed fields and a history row for each. */
  update(
    scope: TenantScope,
    ticketId: string,
    patch: TicketPatch,
    targets: PriorityTargets | null,
    actor: TicketActor,
  ): Promise<TicketUpdate> {
    return scope.sequelize
      .transaction(async (transaction) => {
        const current = await this.lock(scope, ticketId, transaction);
        if (current.status === 'closed')
          throw TicketsException.of(TicketsExceptionCode.TICKET_CLOSED);
        const history: HistoryEntry[] = [];
        const sets: string[] = [];
        const replacements: Record<string, unknown> = { ticketId, workspaceId: scope.workspaceId };
        const statusChanges = patch.status !== undefined && patch.status !== current.status;
        const priorityChanges = !!targets && patch.priority !== current.priority;
        if (statusChanges) {
          sets.push(...STATUS_SETS, ...(priorityChanges ? [] : SHIFTED_DUE_SETS));
          replacements['status'] = patch.status;
          history.push({
            type: 'ticket.status_changed',
            data: { from: current.status, to: patch.status },
          });
        }
        if (targets && priorityChanges) {
          sets.push('priority = :priority', ...recomputedDueSets(statusChanges));
          Object.assign(replacements, { priority: patch.priority, ...targets });
          history.push({
            type: 'ticket.priority_changed',
            data: { from: current.priority, to: patch.priority },
          });
        }
        if (patch.tags && !sameTags(patch.tags, current.tags)) {
          sets.push('tags = CAST(:tags AS jsonb)');
          replacements['tags'] = JSON.stringify(patch.tags);
          history.push({
            type: 'ticket.tags_changed',
            data: { from: current.tags, to: patch.tags },
          });
        }
        if (patch.subject !== undefined && patch.subject !== current.subject) {
          sets.push('subject = :subject');
          replacements['subject'] = patch.subject;
          history.push({
            type: 'ticket.subject_changed',
            data: { from: current.subject, to: patch.subject },
          });
        }
        if (sets.length === 0) return { changed: [], before: current, resolved: null };
        const [updated] = await scope.sequelize.query<MilestoneRow>(
          `UPDATE tickets SET ${sets.join(', ')}, updated_at = now()
            WHERE id = :ticketId AND workspace_id = :workspaceId
            RETURNING ${milestoneColumns('coalesce(solved_at, closed_at)', 'resolution_due_at')}, status`,
          { replacements, transaction, type: QueryTypes.SELECT },
        );
        const resolves =
          statusChanges &&
          RESOLVED_STATUSES.includes(patch.status!) &&
          ACTIVE_STATUSES.includes(current.status);
        await recordTicketHistory(
          scope.sequelize,
          scope.workspaceId,
          ticketId,
          actor,
          history,
          transaction,
        );
        return {
          changed: history.map((entry) => FIELD_OF[entry.type]!),
          before: current,
          resolved: resolves && updated ? toMilestone(updated) : null,
        };
      })
      .catch((error: unknown) => {
        // Reopening while the conversation got a newer active ticket.
        if (error instanceof UniqueConstraintError)
          throw TicketsException.of(TicketsExceptionCode.ACTIVE_TICKET_EXISTS);
        throw error;
      });
  }

  /** An internal note: a row of the ticket's history that only agents ever see. */
  async addNote(
    scope: TenantScope,
    ticketId: string,
    actor: TicketActor,
    text: string,
  ): Promise<{ id: string; createdAt: Date }> {
    const [ticket] = await scope.sequelize.query(
      'SELECT id FROM tickets WHERE id = :ticketId AND workspace_id = :workspaceId',
      { replacements: { ticketId, workspaceId: scope.workspaceId }, type: QueryTypes.SELECT },
    );
    if (!ticket) throw TicketsException.of(TicketsExceptionCode.TICKET_NOT_FOUND);
    const [row] = await recordTicketHistory(scope.sequelize, scope.workspaceId, ticketId, actor, [
      { type: 'ticket.note_added', data: { text } },
    ]);
    return { id: row!.id, createdAt: new Date(row!.created_at) };
  }

  private async lock(
    scope: TenantScope,
    ticketId: string,
    transaction: Transaction,
  ): Promise<TicketBefore> {
    const [row] = await scope.sequelize.query<TicketBefore>(
      `SELECT status, priority, tags, subject, assignee_id FROM tickets
        WHERE id = :ticketId AND workspace_id = :workspaceId FOR UPDATE`,
      {
        replacements: { ticketId, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (!row) throw TicketsException.of(TicketsExceptionCode.TICKET_NOT_FOUND);
    return row;
  }
}
