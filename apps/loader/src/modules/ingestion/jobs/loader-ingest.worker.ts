import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type LoaderIngestJobData, QueueNames } from '@cxgenie/contracts';
import type { IngestOutcome } from '../usecases/ingest-source/ingest-source.command';
import { IngestSource } from '../usecases/ingest-source/ingest-source.usecase';
import { RemoveSource } from '../usecases/remove-source/remove-source.usecase';

type IngestResult = IngestOutcome | { status: 'removed' };

/**
 * Consumes `loader.ingest`: documents and websites to ingest, and sources to remove. How a crashed
 * loader's job is taken over is the queue's setting (`QUEUE_OPTIONS`).
 */
@Injectable()
export class LoaderIngestWorker extends QueueWorker<LoaderIngestJobData, IngestResult> {
  constructor(
    @InjectQueue(QueueNames.LoaderIngest) queue: Queue<LoaderIngestJobData>,
    private readonly ingest: IngestSource,
    private readonly remove: RemoveSource,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(queue, config.loader.concurrency);
  }

  protected async handle(job: Job<LoaderIngestJobData>): Promise<IngestResult> {
    const { reason } = job.data;
    if (reason === 'delete') {
      await this.remove.execute(job.data);
      return { status: 'removed' };
    }
    return this.ingest.execute({
      ...job.data,
      reason,
      finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    });
  }
}
