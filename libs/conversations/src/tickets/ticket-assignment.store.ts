import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import type { AssignmentMode, TicketStatus } from '@cxgenie/contracts';
import { ACTIVE_TICKET_STATUSES } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { type TicketActor, recordTicketHistory } from './ticket-history';
import { TicketsException, TicketsExceptionCode } from './tickets.exception';

export interface AssigneeChange {
  ticketId: string;
  conversationId: string;
  assigneeId: string | null;
  previousAssigneeId: string | null;
}

export interface AgentAssignment {
  ticketId: string;
  /** null: unassign. */
  assigneeId: string | null;
  /** `claim`: the caller takes an unassigned ticket; another member's ticket is refused. */
  mode: Extract<AssignmentMode, 'manual' | 'claim'>;
  actor: TicketActor;
}

export interface SystemAssignment {
  ticketId: string;
  assigneeId: string;
  mode: Extract<AssignmentMode, 'auto' | 'takeover'>;
  actorId: string | null;
  /** A no-op when somebody got the ticket first (an agent who claimed it meanwhile). */
  onlyIfUnassigned: boolean;
}

interface LockedTicket {
  conversation_id: string;
  assignee_id: string | null;
  status: TicketStatus;
}

/**
 * Who holds a ticket. The assignee is mirrored on the conversation (the inbox filters on it) in
 * the same transaction, and every change is a history row: written here once, whether a member
 * assigns, reassigns, unassigns or claims, or the ticket app assigns automatically or on a
 * takeover.
 */
@Injectable()
export class TicketAssignmentStore {
  /**
   * A member's decision. Refuses a missing or inactive ticket, and a claim of a ticket someone
   * else holds; null when the ticket already has that assignee.
   */
  async assignByAgent(
    scope: TenantScope,
    assignment: AgentAssignment,
    transaction: Transaction,
  ): Promise<AssigneeChange | null> {
    const current = await this.lock(scope, assignment.ticketId, transaction);
    if (!current) throw TicketsException.of(TicketsExceptionCode.TICKET_NOT_FOUND);
    if (!ACTIVE_TICKET_STATUSES.includes(current.status))
      throw TicketsException.of(TicketsExceptionCode.TICKET_NOT_ACTIVE);
    if (
      assignment.mode === 'claim' &&
      current.assignee_id &&
      current.assignee_id !== assignment.assigneeId
    )
      throw TicketsException.of(TicketsExceptionCode.TICKET_ASSIGNED_ELSEWHERE);
    if (current.assignee_id === assignment.assigneeId) return null;
    return this.write(scope, assignment.ticketId, current, assignment, transaction);
  }

  /** The ticket app's assignment: a ticket no longer active, or already settled, is left alone. */
  async assignBySystem(
    scope: TenantScope,
    assignment: SystemAssignment,
    transaction: Transaction,
  ): Promise<AssigneeChange | null> {
    const current = await this.lock(scope, assignment.ticketId, transaction);
    if (!current || !ACTIVE_TICKET_STATUSES.includes(current.status)) return null;
    if (current.assignee_id === assignment.assigneeId) return null;
    if (assignment.onlyIfUnassigned && current.assignee_id !== null) return null;
    const actor: TicketActor = {
      actorType: assignment.actorId ? 'agent' : 'system',
      actorId: assignment.actorId,
    };
    return this.write(scope, assignment.ticketId, current, { ...assignment, actor }, transaction);
  }

  private async lock(
    scope: TenantScope,
    ticketId: string,
    transaction: Transaction,
  ): Promise<LockedTicket | null> {
    const [row] = await scope.sequelize.query<LockedTicket>(
      `SELECT conversation_id, assignee_id, status FROM tickets
        WHERE id = :ticketId AND workspace_id = :workspaceId FOR UPDATE`,
      {
        replacements: { ticketId, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return row ?? null;
  }

  private async write(
    scope: TenantScope,
    ticketId: string,
    current: LockedTicket,
    change: { assigneeId: string | null; mode: AssignmentMode; actor: TicketActor },
    transaction: Transaction,
  ): Promise<AssigneeChange> {
    await scope.sequelize.query(
      `UPDATE tickets SET assignee_id = :assigneeId, updated_at = now()
        WHERE id = :ticketId AND workspace_id = :workspaceId;
       UPDATE conversations SET assignee_id = :assigneeId, updated_at = now()
        WHERE id = :conversationId AND workspace_id = :workspaceId`,
      {
        replacements: {
          assigneeId: change.assigneeId,
          ticketId,
          conversationId: current.conversation_id,
          workspaceId: scope.workspaceId,
        },
        transaction,
      },
    );
    await recordTicketHistory(
      scope.sequelize,
      scope.workspaceId,
      ticketId,
      change.actor,
      [
        {
          type: change.assigneeId ? 'ticket.assigned' : 'ticket.unassigned',
          data: {
            assigneeId: change.assigneeId,
            previousAssigneeId: current.assignee_id,
            mode: change.mode,
          },
        },
      ],
      transaction,
    );
    return {
      ticketId,
      conversationId: current.conversation_id,
      assigneeId: change.assigneeId,
      previousAssigneeId: current.assignee_id,
    };
  }
}
