import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type KnowledgePurgeJobData, QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import { PurgeBotKnowledge } from '../usecases/purge-bot-knowledge/purge-bot-knowledge.usecase';

/** Consumes `knowledge.purge`: bots deleted in the dashboard. */
@Injectable()
export class KnowledgePurgeWorker implements OnModuleInit {
  private readonly logger = new Logger(KnowledgePurgeWorker.name);

  constructor(
    @InjectQueue(QueueNames.KnowledgePurge) private readonly queue: Queue<KnowledgePurgeJobData>,
    private readonly purge: PurgeBotKnowledge,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(1, (job) => this.handle(job))
      .catch((error: Error) =>
        this.logger.warn(`knowledge purge worker stopped: ${error.message}`),
      );
  }

  private handle(job: Job<KnowledgePurgeJobData>): Promise<void> {
    return this.logContext.runJob(job, async () => {
      await this.purge.execute(job.data);
      this.logger.log(`bot ${job.data.botId}: knowledge removed from the index`);
    });
  }
}
