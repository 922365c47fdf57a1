import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import { SweepAvailability } from '../../availability/usecases/sweep-availability/sweep-availability.usecase';
import { CheckSlaBreaches } from '../../sla/usecases/check-sla-breaches/check-sla-breaches.usecase';

export const SLA_CHECK_JOB = 'sla-check';
export const PRESENCE_SWEEP_JOB = 'presence-sweep';

/** Often enough that idleness shows within half the idle time; never busier than 4 times a second. */
export const presenceSweepIntervalMs = (idleAfterSeconds: number): number =>
  Math.min(15_000, Math.max(250, (idleAfterSeconds * 1000) / 2));

/**
 * Bull repeatable jobs: whichever ticket instance picks a tick up runs it, so the checks run once
 * per interval however many instances there are. A repeatable job with another interval (the
 * configuration changed) is removed at boot.
 */
@Injectable()
export class TicketSchedulerWorker implements OnModuleInit {
  private readonly logger = new Logger(TicketSchedulerWorker.name);

  constructor(
    @InjectQueue(QueueNames.TicketScheduler) private readonly queue: Queue,
    private readonly sla: CheckSlaBreaches,
    private readonly presence: SweepAvailability,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    // In the background: a Redis that is down at boot must not keep the service from starting.
    void this.schedule().catch((error: Error) =>
      this.logger.warn(`scheduling the ticket jobs failed: ${error.message}`),
    );
  }

  private async schedule(): Promise<void> {
    const every: Record<string, number> = {
      [SLA_CHECK_JOB]: this.config.tickets.slaCheckIntervalMs,
      [PRESENCE_SWEEP_JOB]: presenceSweepIntervalMs(this.config.tickets.agentIdleAfterSeconds),
    };
    for (const job of await this.queue.getRepeatableJobs()) {
      if (every[job.name] !== Number(job.every)) await this.queue.removeRepeatableByKey(job.key);
    }
    for (const [name, ms] of Object.entries(every))
      await this.queue.add(name, {}, { repeat: { every: ms }, jobId: name });
    const run = (name: string, work: () => Promise<number>) =>
      this.queue
        .process(name, 1, (job: Job) => this.logContext.runJob(job, work))
        .catch((error: Error) => this.logger.warn(`${name} worker stopped: ${error.message}`));
    void run(SLA_CHECK_JOB, async () => (await this.sla.execute()).length);
    void run(PRESENCE_SWEEP_JOB, () => this.presence.execute());
  }
}
