import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { QueueNames, type TicketAssignmentJobData } from '@cxgenie/contracts';
import { AssignmentAnnouncer } from '../assignment-announcer';
import { AssignWaitingTickets } from '../usecases/assign-waiting-tickets/assign-waiting-tickets.usecase';

/** Consumes `ticket.assignment`: something made room, so waiting tickets may find an agent now. */
@Injectable()
export class TicketAssignmentWorker extends QueueWorker<TicketAssignmentJobData, number> {
  constructor(
    @InjectQueue(QueueNames.TicketAssignment) queue: Queue<TicketAssignmentJobData>,
    private readonly assignWaiting: AssignWaitingTickets,
    private readonly announcer: AssignmentAnnouncer,
  ) {
    super(queue, 4);
  }

  protected async handle(job: Job<TicketAssignmentJobData>): Promise<number> {
    const made = await this.assignWaiting.execute(job.data.workspaceId);
    this.announcer.announce(made);
    if (made.length > 0)
      this.logger.log(`${made.length} waiting ticket(s) assigned (${job.data.cause})`);
    return made.length;
  }
}
