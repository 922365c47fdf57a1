import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type ScheduledJob, ScheduledJobs } from '@cxgenie/bootstrap';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { RequeueStrandedMessages } from '../usecases/requeue-stranded-messages/requeue-stranded-messages.usecase';

export const CONVERSATION_SWEEP_JOB = 'stranded-messages';

/** The stranded-message sweep, once per interval across every gateway instance. */
@Injectable()
export class ConversationSweepWorker extends ScheduledJobs {
  constructor(
    @InjectQueue(QueueNames.ConversationSweep) queue: Queue,
    private readonly requeue: RequeueStrandedMessages,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    super(queue);
  }

  protected jobs(): Record<string, ScheduledJob> {
    return {
      [CONVERSATION_SWEEP_JOB]: {
        everyMs: this.config.conversationSweep.intervalMs,
        run: () => this.requeue.execute(),
      },
    };
  }
}
