import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type HandoffRequestJobData, QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import {
  HandOffConversation,
  type HandoffOutcome,
} from '../usecases/hand-off-conversation/hand-off-conversation.usecase';

/** Handoffs wait on PostgreSQL only; different conversations proceed in parallel. */
export const HANDOFF_CONCURRENCY = 8;

/** Consumes `handoff.requests`: customers asking for a human, takeovers, failed deliveries. */
@Injectable()
export class HandoffRequestWorker implements OnModuleInit {
  private readonly logger = new Logger(HandoffRequestWorker.name);

  constructor(
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly queue: Queue<HandoffRequestJobData>,
    private readonly handOff: HandOffConversation,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(HANDOFF_CONCURRENCY, (job) => this.handle(job))
      .catch((error: Error) => this.logger.warn(`handoff worker stopped: ${error.message}`));
  }

  private handle(job: Job<HandoffRequestJobData>): Promise<HandoffOutcome> {
    return this.logContext.runJob(job, () => {
      const { traceId: _trace, ...command } = job.data;
      return this.handOff.execute(command);
    });
  }
}
