import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import { RequeueStrandedMessages } from '../usecases/requeue-stranded-messages/requeue-stranded-messages.usecase';

export const CONVERSATION_SWEEP_JOB = 'stranded-messages';

/**
 * Runs the stranded-message sweep as a Bull repeatable job: whichever gateway instance takes a
 * tick runs it, so it runs once per interval however many instances there are. A repeatable job
 * of another interval (the configuration changed, or the sweep was turned off) is removed at boot.
 */
@Injectable()
export class ConversationSweepWorker implements OnModuleInit {
  private readonly logger = new Logger(ConversationSweepWorker.name);

  constructor(
    @InjectQueue(QueueNames.ConversationSweep) private readonly queue: Queue,
    private readonly requeue: RequeueStrandedMessages,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    // In the background: a Redis that is down at boot must not keep the service from starting.
    void this.schedule().catch((error: Error) =>
      this.logger.warn(`scheduling the conversation sweep failed: ${error.message}`),
    );
  }

  private async schedule(): Promise<void> {
    const every = this.config.conversationSweep.intervalMs;
    for (const job of await this.queue.getRepeatableJobs()) {
      if (Number(job.every) !== every) await this.queue.removeRepeatableByKey(job.key);
    }
    if (every === 0) return;
    await this.queue.add(
      CONVERSATION_SWEEP_JOB,
      {},
      { repeat: { every }, jobId: CONVERSATION_SWEEP_JOB, removeOnComplete: 10, removeOnFail: 50 },
    );
    // Resolves only when the queue closes.
    void this.queue
      .process(CONVERSATION_SWEEP_JOB, 1, (job: Job) =>
        this.logContext.runJob(job, () => this.requeue.execute()),
      )
      .catch((error: Error) => this.logger.warn(`conversation sweep stopped: ${error.message}`));
  }
}
