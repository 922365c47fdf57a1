import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import { AnalyticsPublisher, newFactId } from '@cxgenie/analytics';
import { type Availability, ServerEvents, type TicketPayload } from '@cxgenie/contracts';
import {
  TicketAssignmentStore,
  TicketReader,
  TicketsException,
  TicketsExceptionCode,
} from '@cxgenie/conversations';
import { TenantConnections, type TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { TicketAssignmentPublisher } from '../../ticket-assignment.publisher';
import { actorOf } from '../../ticket-actor';
import { TicketRoutesException, TicketRoutesExceptionCode } from '../../tickets.exception';
import type { AssignTicketCommand } from './assign-ticket.command';

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
    private readonly assignments: TicketAssignmentStore,
    private readonly tickets: TicketReader,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly assignment: TicketAssignmentPublisher,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  async execute(scope: TenantScope, command: AssignTicketCommand): Promise<TicketPayload> {
    const { principal, ticketId, assigneeId, mode } = command;
    if (assigneeId && mode === 'manual') {
      const availability = await this.availabilityOf(scope.workspaceId, assigneeId);
      if (!availability)
        throw TicketRoutesException.of(TicketRoutesExceptionCode.ASSIGNEE_NOT_MEMBER);
      if (availability === 'offline')
        throw TicketRoutesException.of(TicketRoutesExceptionCode.ASSIGNEE_OFFLINE);
    }
    const change = await scope.sequelize.transaction((transaction) =>
      this.assignments.assignByAgent(
        scope,
        { ticketId, assigneeId, mode, actor: actorOf(principal) },
        transaction,
      ),
    );
    const ticket = await this.tickets.byId(scope, ticketId);
    if (!ticket) throw TicketsException.of(TicketsExceptionCode.TICKET_NOT_FOUND);
    if (change && assigneeId) {
      this.analytics.record({
        type: 'ticket.assigned',
        id: newFactId(),
        workspaceId: scope.workspaceId,
        occurredAt: new Date().toISOString(),
        conversationId: change.conversationId,
        ticketId,
        agentId: assigneeId,
        previousAgentId: change.previousAssigneeId,
        mode,
      });
    }
    if (change) {
      this.broadcaster.toAgents(
        scope.workspaceId,
        ServerEvents.TicketAssigned,
        {
          workspaceId: scope.workspaceId,
          ticketId,
          conversationId: change.conversationId,
          assigneeId,
          previousAssigneeId: change.previousAssigneeId,
          mode,
          actorId: principal.kind === 'user' ? principal.userId : null,
          occurredAt: new Date().toISOString(),
        },
        [assigneeId, change.previousAssigneeId],
      );
      if (change.previousAssigneeId)
        await this.assignment.roomMadeIn(scope.workspaceId, `ticket ${ticketId} reassigned`);
    }
    return ticket;
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
