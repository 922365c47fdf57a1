import { Module } from '@nestjs/common';
import { AssignmentAnnouncer } from './assignment-announcer';
import { TicketAssignmentWorker } from './jobs/ticket-assignment.worker';
import { AssignTicketTo } from './usecases/assign-ticket-to/assign-ticket-to.usecase';
import { AssignWaitingTickets } from './usecases/assign-waiting-tickets/assign-waiting-tickets.usecase';

/** Who handles which ticket: automatic assignment to online agents with room, and takeovers. */
@Module({
  providers: [AssignWaitingTickets, AssignTicketTo, AssignmentAnnouncer, TicketAssignmentWorker],
  exports: [AssignWaitingTickets, AssignTicketTo, AssignmentAnnouncer],
})
export class AssignmentModule {}
