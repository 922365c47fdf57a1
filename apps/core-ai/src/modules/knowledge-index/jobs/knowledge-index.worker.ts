import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type KnowledgeIndexJobData, QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import { IndexKnowledgeEntry } from '../usecases/index-knowledge-entry/index-knowledge-entry.usecase';

/** Embedding is CPU work for the local provider and network work for OpenAI: a few at once. */
const CONCURRENCY = 4;

/** Consumes `knowledge.index`: FAQ and snippet edits made in the dashboard. */
@Injectable()
export class KnowledgeIndexWorker implements OnModuleInit {
  private readonly logger = new Logger(KnowledgeIndexWorker.name);

  constructor(
    @InjectQueue(QueueNames.KnowledgeIndex) private readonly queue: Queue<KnowledgeIndexJobData>,
    private readonly indexEntry: IndexKnowledgeEntry,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(CONCURRENCY, (job) => this.handle(job))
      .catch((error: Error) =>
        this.logger.warn(`knowledge index worker stopped: ${error.message}`),
      );
  }

  private handle(job: Job<KnowledgeIndexJobData>): Promise<number> {
    return this.logContext.runJob(job, async () => {
      const chunks = await this.indexEntry.execute(job.data);
      this.logger.log(`${job.data.sourceType} ${job.data.entryId}: ${chunks} chunk(s) indexed`);
      return chunks;
    });
  }
}
