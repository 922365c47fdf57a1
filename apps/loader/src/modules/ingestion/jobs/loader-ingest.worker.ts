import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type LoaderIngestJobData, QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import type { IngestOutcome } from '../usecases/ingest-source/ingest-source.command';
import { IngestSource } from '../usecases/ingest-source/ingest-source.usecase';
import { RemoveSource } from '../usecases/remove-source/remove-source.usecase';

/**
 * The queue's locks: a killed loader's job is taken over once its lock expires (lockDuration),
 * found by the stalled-job checks (stalledInterval). The lock is renewed from the event loop, and
 * chunking the largest allowed document (5 M characters) holds the loop for about 20 s, so the
 * lock outlasts that with room to spare; a crash costs about a minute before the job resumes.
 */
export const LOADER_INGEST_QUEUE_SETTINGS = {
  lockDuration: 60_000,
  stalledInterval: 10_000,
  // A job taken over twice (two crashed loaders) is still worth a third try: it resumes.
  maxStalledCount: 2,
};

/** Consumes `loader.ingest`: documents and websites to ingest, and sources to remove. */
@Injectable()
export class LoaderIngestWorker implements OnModuleInit {
  private readonly logger = new Logger(LoaderIngestWorker.name);

  constructor(
    @InjectQueue(QueueNames.LoaderIngest) private readonly queue: Queue<LoaderIngestJobData>,
    private readonly ingest: IngestSource,
    private readonly remove: RemoveSource,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(this.config.loader.concurrency, (job) => this.handle(job))
      .catch((error: Error) => this.logger.warn(`ingest worker stopped: ${error.message}`));
  }

  private handle(job: Job<LoaderIngestJobData>): Promise<IngestOutcome | { status: 'removed' }> {
    return this.logContext.runJob(job, async () => {
      const { reason } = job.data;
      if (reason === 'delete') {
        await this.remove.execute(job.data);
        return { status: 'removed' as const };
      }
      return this.ingest.execute({
        ...job.data,
        reason,
        finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      });
    });
  }
}
