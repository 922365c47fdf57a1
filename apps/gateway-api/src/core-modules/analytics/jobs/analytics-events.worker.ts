import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { type AnalyticsEvent, type AnalyticsEventsJobData, QueueNames } from '@cxgenie/contracts';
import { AnalyticsEventWriter } from '../analytics-event-writer';

/** Jobs wait for the writer's next insert (up to a second), so many are held at once. */
export const ANALYTICS_CONCURRENCY = 32;

type AnalyticsJobData = AnalyticsEventsJobData | AnalyticsEvent;

/**
 * Consumes `analytics.events` into ClickHouse. Until this worker existed the queue had no
 * consumer; jobs of that time carry one fact each instead of a batch, and are written the same.
 */
@Injectable()
export class AnalyticsEventsWorker extends QueueWorker<AnalyticsJobData, void> {
  constructor(
    @InjectQueue(QueueNames.AnalyticsEvents) queue: Queue<AnalyticsJobData>,
    private readonly writer: AnalyticsEventWriter,
  ) {
    super(queue, ANALYTICS_CONCURRENCY);
  }

  protected handle({ data }: Job<AnalyticsJobData>): Promise<void> {
    return this.writer.write('events' in data ? data.events : [data]);
  }
}
