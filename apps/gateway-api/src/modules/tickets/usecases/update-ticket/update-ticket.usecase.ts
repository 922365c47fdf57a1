import { Injectable } from '@nestjs/common';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import { ACTIVE_TICKET_STATUSES, ServerEvents, type TicketPayload } from '@cxgenie/contracts';
import {
  TicketReader,
  TicketUpdatesStore,
  TicketsException,
  TicketsExceptionCode,
  resolvedFact,
} from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { SlaPolicyStore } from '../../sla/sla-policy.store';
import { TicketAssignmentPublisher } from '../../ticket-assignment.publisher';
import { actorOf } from '../../ticket-actor';
import { TicketRoutesException, TicketRoutesExceptionCode } from '../../tickets.exception';
import type { UpdateTicketCommand } from './update-ticket.command';

/**
 * Status, priority, tags and subject (the owner keeps the SLA clocks right). Solving or closing a
 * ticket frees its assignee's capacity, so the ticket app is asked to hand out waiting tickets.
 */
@Injectable()
export class UpdateTicket {
  constructor(
    private readonly updates: TicketUpdatesStore,
    private readonly tickets: TicketReader,
    private readonly policies: SlaPolicyStore,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly assignment: TicketAssignmentPublisher,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  async execute(scope: TenantScope, command: UpdateTicketCommand): Promise<TicketPayload> {
    const { principal, ticketId, ...patch } = command;
    if (Object.values(patch).every((value) => value === undefined))
      throw TicketRoutesException.of(TicketRoutesExceptionCode.NOTHING_TO_CHANGE);
    const tags = patch.tags && [...new Set(patch.tags)];
    const targets = patch.priority
      ? await this.policies.of(scope.workspaceId, patch.priority)
      : null;
    const { changed, before, resolved } = await this.updates.update(
      scope,
      ticketId,
      { ...patch, tags },
      targets,
      actorOf(principal),
    );
    if (resolved) this.analytics.record(resolvedFact(resolved));
    const ticket = await this.tickets.byId(scope, ticketId);
    if (!ticket) throw TicketsException.of(TicketsExceptionCode.TICKET_NOT_FOUND);
    if (changed.length > 0) {
      this.broadcaster.toAgents(
        scope.workspaceId,
        ServerEvents.TicketUpdated,
        {
          workspaceId: scope.workspaceId,
          ticket,
          changed,
          actorId: principal.kind === 'user' ? principal.userId : null,
          occurredAt: new Date().toISOString(),
        },
        [ticket.assigneeId],
      );
    }
    const wasActive = ACTIVE_TICKET_STATUSES.includes(before.status);
    if (before.assignee_id && wasActive && !ACTIVE_TICKET_STATUSES.includes(ticket.status))
      await this.assignment.roomMadeIn(scope.workspaceId, `ticket ${ticketId} ${ticket.status}`);
    return ticket;
  }
}
