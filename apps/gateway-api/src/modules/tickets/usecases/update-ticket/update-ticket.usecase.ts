import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction, UniqueConstraintError } from 'sequelize';
import {
  ACTIVE_TICKET_STATUSES,
  type TicketPayload,
  type TicketPriority,
  type TicketStatus,
  type TicketUpdatedEvent,
} from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { TicketEventsEmitter } from '../../realtime/ticket-events.emitter';
import { SlaPolicyStore } from '../../sla/sla-policy.store';
import { TicketAssignmentPublisher } from '../../ticket-assignment.publisher';
import { type HistoryEntry, actorOf, recordHistory } from '../../ticket-history';
import { findTicket } from '../../ticket.query';
import {
  ActiveTicketExistsException,
  NothingToChangeException,
  TicketClosedException,
} from '../../tickets.exception';
import type { UpdateTicketCommand } from './update-ticket.command';

interface CurrentTicket {
  status: TicketStatus;
  priority: TicketPriority;
  tags: string[];
  subject: string;
  assignee_id: string | null;
}

type Change = TicketUpdatedEvent['changed'][number];

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

/**
 * Status, priority, tags and subject. A closed ticket is final. Solving or closing a ticket frees
 * its assignee's capacity, so the ticket app is asked to hand out waiting tickets. A new priority
 * moves the SLA targets not reached yet to that priority's, counted from the ticket's opening;
 * time spent pending does not count against them.
 */
@Injectable()
export class UpdateTicket {
  constructor(
    private readonly policies: SlaPolicyStore,
    private readonly emitter: TicketEventsEmitter,
    private readonly assignment: TicketAssignmentPublisher,
  ) {}

  async execute(scope: TenantScope, command: UpdateTicketCommand): Promise<TicketPayload> {
    const { principal, ticketId, ...patch } = command;
    if (Object.values(patch).every((value) => value === undefined))
      throw new NothingToChangeException();
    const tags = patch.tags && [...new Set(patch.tags)];
    const policy = patch.priority && (await this.policies.of(scope.workspaceId, patch.priority));
    const { changed, before } = await scope.sequelize
      .transaction(async (transaction) => {
        const current = await this.lock(scope, ticketId, transaction);
        if (current.status === 'closed') throw new TicketClosedException();
        const history: HistoryEntry[] = [];
        const sets: string[] = [];
        const replacements: Record<string, unknown> = {
          ticketId,
          workspaceId: scope.workspaceId,
        };
        const statusChanges = patch.status !== undefined && patch.status !== current.status;
        const priorityChanges = !!policy && patch.priority !== current.priority;
        if (statusChanges) {
          sets.push(...STATUS_SETS, ...(priorityChanges ? [] : SHIFTED_DUE_SETS));
          replacements['status'] = patch.status;
          history.push({
            type: 'ticket.status_changed',
            data: { from: current.status, to: patch.status },
          });
        }
        if (policy && priorityChanges) {
          sets.push('priority = :priority', ...recomputedDueSets(statusChanges));
          Object.assign(replacements, {
            priority: patch.priority,
            firstResponseSeconds: policy.firstResponseSeconds,
            resolutionSeconds: policy.resolutionSeconds,
          });
          history.push({
            type: 'ticket.priority_changed',
            data: { from: current.priority, to: patch.priority },
          });
        }
        if (tags && !sameTags(tags, current.tags)) {
          sets.push('tags = CAST(:tags AS jsonb)');
          replacements['tags'] = JSON.stringify(tags);
          history.push({ type: 'ticket.tags_changed', data: { from: current.tags, to: tags } });
        }
        if (patch.subject !== undefined && patch.subject !== current.subject) {
          sets.push('subject = :subject');
          replacements['subject'] = patch.subject;
          history.push({
            type: 'ticket.subject_changed',
            data: { from: current.subject, to: patch.subject },
          });
        }
        if (sets.length === 0) return { changed: [] as Change[], before: current };
        await scope.sequelize.query(
          `UPDATE tickets SET ${sets.join(', ')}, updated_at = now()
            WHERE id = :ticketId AND workspace_id = :workspaceId`,
          { replacements, transaction },
        );
        await recordHistory(
          scope.sequelize,
          scope.workspaceId,
          ticketId,
          actorOf(principal),
          history,
          transaction,
        );
        return { changed: history.map((h) => changeOf(h)), before: current };
      })
      .catch((error: unknown) => {
        // Reopening while the conversation got a newer active ticket.
        if (error instanceof UniqueConstraintError) throw new ActiveTicketExistsException();
        throw error;
      });
    const ticket = await findTicket(scope, ticketId);
    if (!ticket) throw new ResourceNotFoundException('Ticket');
    if (changed.length > 0) {
      this.emitter.updated({
        workspaceId: scope.workspaceId,
        ticket,
        changed,
        actorId: principal.kind === 'user' ? principal.userId : null,
        occurredAt: new Date().toISOString(),
      });
    }
    const wasActive = ACTIVE_TICKET_STATUSES.includes(before.status);
    if (before.assignee_id && wasActive && !ACTIVE_TICKET_STATUSES.includes(ticket.status))
      await this.assignment.roomMadeIn(scope.workspaceId, `ticket ${ticketId} ${ticket.status}`);
    return ticket;
  }

  private async lock(
    scope: TenantScope,
    ticketId: string,
    transaction: Transaction,
  ): Promise<CurrentTicket> {
    const [row] = await scope.sequelize.query<CurrentTicket>(
      `SELECT status, priority, tags, subject, assignee_id FROM tickets
        WHERE id = :ticketId AND workspace_id = :workspaceId FOR UPDATE`,
      {
        replacements: { ticketId, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (!row) throw new ResourceNotFoundException('Ticket');
    return row;
  }
}

const CHANGE_OF: Partial<Record<HistoryEntry['type'], Change>> = {
  'ticket.status_changed': 'status',
  'ticket.priority_changed': 'priority',
  'ticket.tags_changed': 'tags',
  'ticket.subject_changed': 'subject',
};

const changeOf = (entry: HistoryEntry): Change => CHANGE_OF[entry.type]!;
