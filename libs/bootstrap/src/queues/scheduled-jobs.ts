import { Inject, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { LogContext, MetricsService } from '@cxgenie/observability';

/** A job that runs every `everyMs` (0: not at all) and returns how much it did. */
export interface ScheduledJob {
  everyMs: number;
  run(): Promise<number>;
}

/**
 * Repeatable Bull jobs on one queue: whichever instance takes a tick runs it, so each job runs
 * once per interval however many instances there are. At boot, a repeatable job of another
 * interval (the configuration changed, or the job was turned off) is removed; scheduling happens
 * in the background, so a Redis that is down at boot does not keep the service from starting.
 */
export abstract class ScheduledJobs implements OnModuleInit, OnApplicationShutdown {
  @Inject(SERVICE_CONFIG) private readonly serviceConfig!: ServiceConfig;
  @Inject(LogContext) private readonly logContext!: LogContext;
  @Inject(MetricsService) private readonly metrics!: MetricsService;
  protected readonly logger = new Logger(this.constructor.name);
  private stopped = false;

  constructor(protected readonly queue: Queue) {}

  /** The jobs by name; read once, at boot. */
  protected abstract jobs(): Record<string, ScheduledJob>;

  onModuleInit(): void {
    if (!this.serviceConfig.queueWorkers) return;
    void this.schedule().catch((error: Error) =>
      this.logger.warn(`scheduling ${this.queue.name} failed: ${error.message}`),
    );
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  private async schedule(): Promise<void> {
    const jobs = this.jobs();
    for (const job of await this.queue.getRepeatableJobs()) {
      if (jobs[job.name]?.everyMs !== Number(job.every))
        await this.queue.removeRepeatableByKey(job.key);
    }
    for (const [name, job] of Object.entries(jobs)) {
      if (this.stopped || job.everyMs <= 0) continue;
      await this.queue.add(name, {}, { repeat: { every: job.everyMs }, jobId: name });
      void this.queue
        .process(name, 1, (tick: Job) => this.run(name, tick, job))
        .catch((error: Error) => this.logger.warn(`${name} stopped: ${error.message}`));
    }
  }

  private run(name: string, tick: Job, job: ScheduledJob): Promise<number> {
    return this.logContext.runJob(tick, async () => {
      const done = this.metrics.startJob(`${this.queue.name}:${name}`);
      try {
        const count = await job.run();
        done('completed');
        return count;
      } catch (error) {
        done('failed');
        throw error;
      }
    });
  }
}
