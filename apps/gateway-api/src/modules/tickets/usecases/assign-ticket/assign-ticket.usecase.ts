import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Availability, TicketPayload } from '@cxgenie/contracts';
import { TenantConnections, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { TicketEventsEmitter } from '../../realtime/ticket-events.emitter';
import { TicketAssignmentPublisher } from '../../ticket-assignment.publisher';
import { actorOf, recordHistory } from '../../ticket-history';
import { findTicket } from '../../ticket.query';
import {
  AssigneeNotMemberException,
  AssigneeOfflineException,
  TicketAssignedElsewhereException,
  TicketNotActiveException,
} from '../../tickets.exception';
import type { AssignTicketCommand } from './assign-ticket.command';

interface LockedTicket {
  conversation_id: string;
  assignee_id: string | null;
  status: string;
}

/**
 * Manual assignment, reassignment, unassignment and claims. Capacity does not bind a person's
 * decision, but availability does: nobody is handed a ticket while offline (claiming is the
 * caller acting, so it needs no check). Freeing a ticket asks the ticket app to assign waiting
 * ones, the unassigned ticket included.
 */
@Injectable()
export class AssignTicket {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly emitter: TicketEventsEmitter,
    private readonly assignment: TicketAssignmentPublisher,
  ) {}

  async execute(scope: TenantScope, command: AssignTicketCommand): Promise<TicketPayload> {
    const { principal, ticketId, assigneeId, mode } = command;
    if (assigneeId && mode === 'manual') {
      const availability = await this.availabilityOf(scope.workspaceId, assigneeId);
      if (!availability) throw new AssigneeNotMemberException();
      if (availability === 'offline') throw new AssigneeOfflineException();
    }
    const change = await scope.sequelize.transaction(async (transaction) => {
      const current = await this.lock(scope, ticketId, transaction);
      if (mode === 'claim' && current.assignee_id && current.assignee_id !== assigneeId)
        throw new TicketAssignedElsewhereException();
      if (current.assignee_id === assigneeId) return null;
      await scope.sequelize.query(
        `UPDATE tickets SET assignee_id = :assigneeId, updated_at = now()
          WHERE id = :ticketId AND workspace_id = :workspaceId;
         UPDATE conversations SET assignee_id = :assigneeId, updated_at = now()
          WHERE id = :conversationId AND workspace_id = :workspaceId`,
        {
          replacements: {
            assigneeId,
            ticketId,
            conversationId: current.conversation_id,
            workspaceId: scope.workspaceId,
          },
          transaction,
        },
      );
      await recordHistory(
        scope.sequelize,
        scope.workspaceId,
        ticketId,
        actorOf(principal),
        [
          {
            type: assigneeId ? 'ticket.assigned' : 'ticket.unassigned',
            data: { assigneeId, previousAssigneeId: current.assignee_id, mode },
          },
        ],
        transaction,
      );
      return { conversationId: current.conversation_id, previous: current.assignee_id };
    });
    const ticket = await findTicket(scope, ticketId);
    if (!ticket) throw new ResourceNotFoundException('Ticket');
    if (change) {
      this.emitter.assigned({
        workspaceId: scope.workspaceId,
        ticketId,
        conversationId: change.conversationId,
        assigneeId,
        previousAssigneeId: change.previous,
        mode,
        actorId: principal.kind === 'user' ? principal.userId : null,
        occurredAt: new Date().toISOString(),
      });
      if (change.previous)
        await this.assignment.roomMadeIn(scope.workspaceId, `ticket ${ticketId} reassigned`);
    }
    return ticket;
  }

  private async lock(
    scope: TenantScope,
    ticketId: string,
    transaction: Transaction,
  ): Promise<LockedTicket> {
    const [row] = await scope.sequelize.query<LockedTicket>(
      `SELECT conversation_id, assignee_id, status FROM tickets
        WHERE id = :ticketId AND workspace_id = :workspaceId FOR UPDATE`,
      {
        replacements: { ticketId, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (!row) throw new ResourceNotFoundException('Ticket');
    if (row.status !== 'open' && row.status !== 'pending') throw new TicketNotActiveException();
    return row;
  }

  /** The member's availability, or null when the user is not a member of the workspace. */
  private async availabilityOf(workspaceId: string, userId: string): Promise<Availability | null> {
    const [row] = await this.tenants.sequelize.query<{ availability: Availability }>(
      `SELECT wm.availability FROM workspace_members wm
         JOIN users u ON u.id = wm.user_id AND u.deleted_at IS NULL
        WHERE wm.workspace_id = :workspaceId AND wm.user_id = :userId AND wm.deleted_at IS NULL`,
      { replacements: { workspaceId, userId }, type: QueryTypes.SELECT },
    );
    return row?.availability ?? null;
  }
}
