import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type AnalyticsEvent, type AnalyticsEventsJobData, QueueNames } from '@cxgenie/contracts';
import { LogContext } from '@cxgenie/observability';
import { AnalyticsEventWriter } from '../analytics-event-writer';

/** Jobs wait for the writer's next insert (up to a second), so many are held at once. */
export const ANALYTICS_CONCURRENCY = 32;

/**
 * Consumes `analytics.events` into ClickHouse. Until this worker existed the queue had no
 * consumer; jobs of that time carry one fact each instead of a batch, and are written the same.
 */
@Injectable()
export class AnalyticsEventsWorker implements OnModuleInit {
  private readonly logger = new Logger(AnalyticsEventsWorker.name);

  constructor(
    @InjectQueue(QueueNames.AnalyticsEvents)
    private readonly queue: Queue<AnalyticsEventsJobData | AnalyticsEvent>,
    private readonly writer: AnalyticsEventWriter,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.queueWorkers) return;
    void this.queue
      .process(ANALYTICS_CONCURRENCY, (job: Job<AnalyticsEventsJobData | AnalyticsEvent>) =>
        this.logContext.runJob(job, () => this.writer.write(eventsOf(job.data))),
      )
      .catch((error: Error) => this.logger.warn(`analytics worker stopped: ${error.message}`));
  }
}

const eventsOf = (data: AnalyticsEventsJobData | AnalyticsEvent): AnalyticsEvent[] =>
  'events' in data ? data.events : [data];
