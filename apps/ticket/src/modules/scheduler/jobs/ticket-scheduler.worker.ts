import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type ScheduledJob, ScheduledJobs } from '@cxgenie/bootstrap';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { SweepAvailability } from '../../availability/usecases/sweep-availability/sweep-availability.usecase';
import { CheckSlaBreaches } from '../../sla/usecases/check-sla-breaches/check-sla-breaches.usecase';

export const SLA_CHECK_JOB = 'sla-check';
export const PRESENCE_SWEEP_JOB = 'presence-sweep';

/** Often enough that idleness shows within half the idle time; never busier than 4 times a second. */
export const presenceSweepIntervalMs = (idleAfterSeconds: number): number =>
  Math.min(15_000, Math.max(250, (idleAfterSeconds * 1000) / 2));

/** The SLA check and the presence sweep, once per interval across every ticket instance. */
@Injectable()
export class TicketSchedulerWorker extends ScheduledJobs {
  constructor(
    @InjectQueue(QueueNames.TicketScheduler) queue: Queue,
    private readonly sla: CheckSlaBreaches,
    private readonly presence: SweepAvailability,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    super(queue);
  }

  protected jobs(): Record<string, ScheduledJob> {
    return {
      [SLA_CHECK_JOB]: {
        everyMs: this.config.tickets.slaCheckIntervalMs,
        run: async () => (await this.sla.execute()).length,
      },
      [PRESENCE_SWEEP_JOB]: {
        everyMs: presenceSweepIntervalMs(this.config.tickets.agentIdleAfterSeconds),
        run: () => this.presence.execute(),
      },
    };
  }
}
