import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import type { OutboundJob } from '../outbound-job';
import { DeliverConversation } from '../usecases/deliver-conversation/deliver-conversation.usecase';

/** Sends wait on the platforms' APIs, so one process delivers many conversations at once. */
export const OUTBOUND_CONCURRENCY = 8;

/** Consumes `channel.outbound`: each job drains its conversation's queued messages, in order. */
@Injectable()
export class ChannelOutboundWorker implements OnModuleInit {
  private readonly logger = new Logger(ChannelOutboundWorker.name);

  constructor(
    @InjectQueue(QueueNames.ChannelOutbound) private readonly queue: Queue<OutboundJob>,
    private readonly deliver: DeliverConversation,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(OUTBOUND_CONCURRENCY, (job) => this.handle(job))
      .catch((error: Error) => this.logger.warn(`outbound worker stopped: ${error.message}`));
  }

  private handle(job: Job<OutboundJob>): Promise<number> {
    return this.logContext.runJob(job, () => this.deliver.drain(job.data));
  }
}
