import { Inject, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { LogContext, MetricsService } from '@cxgenie/observability';
import { ScheduledJobsRegistry } from './scheduled-jobs-registry';
import { workerStopReason } from './worker-stop-reason';

/** A job that runs every `everyMs` (0: not at all) and returns how much it did. */
export interface ScheduledJob {
  everyMs: number;
  run(): Promise<number>;
}

/** How often the schedule in Redis is checked, and repaired when a job is missing from it. */
export const SCHEDULE_CHECK_MS = 10_000;

/**
 * Repeatable Bull jobs on one queue: whichever instance takes a tick runs it, so each job runs
 * once per interval however many instances there are. At boot, a repeatable job of another
 * interval (the configuration changed, or the job was turned off) is removed.
 *
 * The schedule lives in Redis, so it is kept there: registered in the background (a Redis down at
 * boot does not keep the service from starting), again whenever the connection comes back, and
 * every SCHEDULE_CHECK_MS, so a Redis that lost its data gets the jobs back. Adding a job that is
 * already scheduled changes nothing. `/health/ready` reports a job that is missing meanwhile.
 * Only the first scheduling replaces another interval: afterwards a job scheduled at any interval
 * counts as scheduled, so two instances configured differently (a rolling change) never take
 * turns removing each other's schedule.
 */
export abstract class ScheduledJobs implements OnModuleInit, OnApplicationShutdown {
  @Inject(SERVICE_CONFIG) private readonly serviceConfig!: ServiceConfig;
  @Inject(LogContext) private readonly logContext!: LogContext;
  @Inject(MetricsService) private readonly metrics!: MetricsService;
  @Inject(ScheduledJobsRegistry) private readonly registry!: ScheduledJobsRegistry;
  protected readonly logger = new Logger(this.constructor.name);
  private stopped = false;
  private checkTimer: NodeJS.Timeout | null = null;
  private loaded: Record<string, ScheduledJob> | null = null;
  /** Whether the jobs were scheduled once already: a job missing after that was lost. */
  private scheduled = false;

  constructor(protected readonly queue: Queue) {}

  get queueName(): string {
    return this.queue.name;
  }

  /** The jobs by name; read once, at boot. */
  protected abstract jobs(): Record<string, ScheduledJob>;

  onModuleInit(): void {
    if (!this.serviceConfig.queueWorkers) return;
    this.registry.add(this);
    for (const [name, job] of Object.entries(this.enabled()))
      void this.queue
        .process(name, 1, (tick: Job) => this.run(name, tick, job))
        .catch((error: unknown) => this.logger.warn(`${name} stopped: ${workerStopReason(error)}`));
    const keep = () => void this.keepScheduled();
    keep();
    this.queue.client.on('ready', keep);
    this.checkTimer = setInterval(keep, SCHEDULE_CHECK_MS);
    this.checkTimer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.checkTimer) clearInterval(this.checkTimer);
  }

  /**
   * Only once the jobs were scheduled a first time (a service starting is not "missing" them),
   * not while it stops, and only while Redis answers (an unreachable Redis is the redis check's
   * to report).
   */
  async missing(): Promise<string[]> {
    if (this.stopped || !this.scheduled || this.queue.client.status !== 'ready') return [];
    // Shutting down, or Redis gone between the two lines: not this check's to report.
    const repeatable = await this.queue.getRepeatableJobs().catch(() => null);
    if (!repeatable) return [];
    const scheduled = new Set(repeatable.map((job) => job.name));
    return Object.keys(this.enabled()).filter((name) => !scheduled.has(name));
  }

  private enabled(): Record<string, ScheduledJob> {
    this.loaded ??= this.jobs();
    return Object.fromEntries(Object.entries(this.loaded).filter(([, job]) => job.everyMs > 0));
  }

  private async keepScheduled(): Promise<void> {
    if (this.stopped) return;
    try {
      const jobs = this.enabled();
      const repeatable = await this.queue.getRepeatableJobs();
      const replaces = !this.scheduled;
      const stale = repeatable.filter((job) => jobs[job.name]?.everyMs !== Number(job.every));
      if (replaces) for (const job of stale) await this.queue.removeRepeatableByKey(job.key);
      const present = new Set(
        (replaces ? repeatable.filter((job) => !stale.includes(job)) : repeatable).map(
          (job) => job.name,
        ),
      );
      for (const [name, job] of Object.entries(jobs)) {
        if (this.stopped || present.has(name)) continue;
        await this.queue.add(name, {}, { repeat: { every: job.everyMs }, jobId: name });
        if (this.scheduled) this.logger.warn(`${name} was no longer scheduled; scheduled again`);
      }
      this.scheduled = true;
    } catch (error) {
      this.logger.warn(
        `scheduling ${this.queue.name} failed, will retry: ${(error as Error).message}`,
      );
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
