import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { TracedJobData } from '@cxgenie/contracts';
import { LogContext, MetricsService } from '@cxgenie/observability';
import { workerStopReason } from './worker-stop-reason';

/**
 * The one shape of a Bull consumer. A subclass names its queue and concurrency and implements
 * `handle`; the base starts consuming when the service runs workers, runs every job under the
 * job's trace id (log lines and calls it makes carry it), times it and counts its outcome in
 * `queue_jobs_total` / `queue_job_duration_seconds`, and logs a failure before Bull retries it.
 * Job classes stay thin: the work is a use case they call.
 */
export abstract class QueueWorker<Data extends Partial<TracedJobData>, Result = unknown>
  implements OnModuleInit
{
  @Inject(SERVICE_CONFIG) private readonly serviceConfig!: ServiceConfig;
  @Inject(LogContext) private readonly logContext!: LogContext;
  @Inject(MetricsService) private readonly metrics!: MetricsService;
  protected readonly logger = new Logger(this.constructor.name);

  constructor(
    protected readonly queue: Queue<Data>,
    private readonly concurrency: number,
  ) {}

  protected abstract handle(job: Job<Data>): Promise<Result>;

  onModuleInit(): void {
    if (!this.serviceConfig.queueWorkers) return;
    // Resolves only when the queue closes; a refusal (Redis gone) must not crash the boot.
    void this.queue
      .process(this.concurrency, (job) => this.run(job))
      .catch((error: unknown) =>
        this.logger.warn(`${this.queue.name} worker stopped: ${workerStopReason(error)}`),
      );
  }

  private run(job: Job<Data>): Promise<Result> {
    return this.logContext.runJob(job, async () => {
      const done = this.metrics.startJob(this.queue.name);
      try {
        const result = await this.handle(job);
        done('completed');
        return result;
      } catch (error) {
        done('failed');
        this.logger.warn(
          `${this.queue.name} job ${job.id} failed (attempt ${job.attemptsMade + 1}): ${(error as Error).message}`,
        );
        throw error;
      }
    });
  }
}
