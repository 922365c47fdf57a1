import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueueNames, type TicketAssignmentJobData } from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';

/** Asks the ticket app to hand waiting tickets out: a change here may have made room. */
@Injectable()
export class TicketAssignmentPublisher {
  private readonly logger = new Logger(TicketAssignmentPublisher.name);

  constructor(
    @InjectQueue(QueueNames.TicketAssignment)
    private readonly queue: Queue<TicketAssignmentJobData>,
  ) {}

  async roomMadeIn(workspaceId: string, cause: string): Promise<void> {
    // The change itself is committed; a lost nudge only delays assignment until the next one.
    await this.queue
      .add(withTraceId({ workspaceId, cause }))
      .catch((error: Error) => this.logger.warn(`assignment nudge lost: ${error.message}`));
  }
}
