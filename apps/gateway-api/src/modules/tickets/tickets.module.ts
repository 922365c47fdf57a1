import { Global, Module } from '@nestjs/common';
import { AgentPresenceTracker } from './presence/agent-presence.tracker';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPolicyStore } from './sla/sla-policy.store';
import { TicketAssignmentPublisher } from './ticket-assignment.publisher';
import { TicketsController } from './tickets.controller';
import { AddTicketNote } from './usecases/add-ticket-note/add-ticket-note.usecase';
import { AssignTicket } from './usecases/assign-ticket/assign-ticket.usecase';
import { ListTicketEvents } from './usecases/list-ticket-events/list-ticket-events.usecase';
import { ListTickets } from './usecases/list-tickets/list-tickets.usecase';
import { UpdateTicket } from './usecases/update-ticket/update-ticket.usecase';

/**
 * Tickets over REST, and gateway-api's side of the presence work the ticket app does. Global so
 * the agent socket gateway (presence) and closing a conversation (assignment nudges) reach
 * `AgentPresenceTracker` and `TicketAssignmentPublisher`.
 */
@Global()
@Module({
  controllers: [TicketsController, SlaPoliciesController],
  providers: [
    ListTickets,
    UpdateTicket,
    AssignTicket,
    AddTicketNote,
    ListTicketEvents,
    SlaPolicyStore,
    TicketAssignmentPublisher,
    AgentPresenceTracker,
  ],
  exports: [AgentPresenceTracker, TicketAssignmentPublisher],
})
export class TicketsModule {}
