import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { QueueNames } from '@cxgenie/contracts';
import { CustomerHandoff } from './handoff/customer-handoff';
import { AgentPresenceTracker } from './presence/agent-presence.tracker';
import { TicketEventsEmitter } from './realtime/ticket-events.emitter';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPolicyStore } from './sla/sla-policy.store';
import { TicketAssignmentPublisher } from './ticket-assignment.publisher';
import { TicketsController } from './tickets.controller';
import { AddTicketNote } from './usecases/add-ticket-note/add-ticket-note.usecase';
import { AssignTicket } from './usecases/assign-ticket/assign-ticket.usecase';
import { ListTicketEvents } from './usecases/list-ticket-events/list-ticket-events.usecase';
import { ListTickets } from './usecases/list-tickets/list-tickets.usecase';
import { UpdateTicket } from './usecases/update-ticket/update-ticket.usecase';

const RETRY = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
};

/**
 * Tickets over REST, and gateway-api's side of the handoff and presence work the ticket app
 * does. Global so the conversation pipeline (customer handoffs) and the agent socket gateway
 * (presence) reach `CustomerHandoff` and `AgentPresenceTracker` without importing this module.
 */
@Global()
@Module({
  imports: [
    BullModule.registerQueue(
      { name: QueueNames.HandoffRequests, defaultJobOptions: RETRY },
      {
        name: QueueNames.TicketAssignment,
        defaultJobOptions: { ...RETRY, removeOnComplete: true },
      },
      {
        name: QueueNames.AgentPresence,
        defaultJobOptions: { ...RETRY, removeOnComplete: true, removeOnFail: 1_000 },
      },
    ),
  ],
  controllers: [TicketsController, SlaPoliciesController],
  providers: [
    ListTickets,
    UpdateTicket,
    AssignTicket,
    AddTicketNote,
    ListTicketEvents,
    SlaPolicyStore,
    TicketEventsEmitter,
    TicketAssignmentPublisher,
    CustomerHandoff,
    AgentPresenceTracker,
  ],
  exports: [CustomerHandoff, AgentPresenceTracker],
})
export class TicketsModule {}
