import { Injectable } from '@nestjs/common';

/** What the registry needs of a set of scheduled jobs. */
export interface ScheduledJobSet {
  readonly queueName: string;
  /** Enabled jobs that have no repeatable entry in Redis right now. */
  missing(): Promise<string[]>;
}

/**
 * The service's scheduled jobs, so `/health/ready` can say when one is not scheduled (Redis lost
 * its data, or was down when the service started, and re-registering has not caught up yet).
 */
@Injectable()
export class ScheduledJobsRegistry {
  private readonly sets: ScheduledJobSet[] = [];

  add(set: ScheduledJobSet): void {
    this.sets.push(set);
  }

  async check(): Promise<void> {
    const missing = (
      await Promise.all(
        this.sets.map(async (set) =>
          (await set.missing()).map((name) => `${set.queueName}:${name}`),
        ),
      )
    ).flat();
    if (missing.length > 0) throw new Error(`not scheduled: ${missing.join(', ')}`);
  }
}
