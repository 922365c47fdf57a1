import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { QueueNames, type TicketAssignmentJobData } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import { AssignmentAnnouncer } from '../assignment-announcer';
import { AssignWaitingTickets } from '../usecases/assign-waiting-tickets/assign-waiting-tickets.usecase';

/** Consumes `ticket.assignment`: something made room, so waiting tickets may find an agent now. */
@Injectable()
export class TicketAssignmentWorker implements OnModuleInit {
  private readonly logger = new Logger(TicketAssignmentWorker.name);

  constructor(
    @InjectQueue(QueueNames.TicketAssignment)
    private readonly queue: Queue<TicketAssignmentJobData>,
    private readonly assignWaiting: AssignWaitingTickets,
    private readonly announcer: AssignmentAnnouncer,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(4, (job) => this.handle(job))
      .catch((error: Error) => this.logger.warn(`assignment worker stopped: ${error.message}`));
  }

  private handle(job: Job<TicketAssignmentJobData>): Promise<number> {
    return this.logContext.runJob(job, async () => {
      const made = await this.assignWaiting.execute(job.data.workspaceId);
      this.announcer.announce(made);
      if (made.length > 0)
        this.logger.log(`${made.length} waiting ticket(s) assigned (${job.data.cause})`);
      return made.length;
    });
  }
}
