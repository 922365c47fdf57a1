import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import {
  type AnalyticsEventsJobData,
  type LegacyAnalyticsEvent,
  QueueNames,
} from '@cxgenie/contracts';
import { AnalyticsEventWriter } from '../analytics-event-writer';
import { FactEnricher } from '../enrichment/fact-enricher';

/**
 * Jobs wait for the writer's next insert (up to a second), so many are held at once: enough
 * (at publishers' 500 facts a job) for the next insert's rows to be enriched and gathered while
 * the current one is written, instead of the queue standing still during every insert.
 */
export const ANALYTICS_CONCURRENCY = 128;

type AnalyticsJobData = AnalyticsEventsJobData | LegacyAnalyticsEvent;

/**
 * Consumes `analytics.events` into ClickHouse: every service's facts, enriched, then written in
 * batches. Jobs of the time before batches carry one legacy fact instead of a list.
 */
@Injectable()
export class AnalyticsEventsWorker extends QueueWorker<AnalyticsJobData, void> {
  constructor(
    @InjectQueue(QueueNames.AnalyticsEvents) queue: Queue<AnalyticsJobData>,
    private readonly enricher: FactEnricher,
    private readonly writer: AnalyticsEventWriter,
  ) {
    super(queue, ANALYTICS_CONCURRENCY);
  }

  protected async handle(job: Job<AnalyticsJobData>): Promise<void> {
    const { traceId, traceparent } = job.data;
    const encoded = await this.enricher.encode('events' in job.data ? job.data.events : [job.data]);
    // Bull holds the job until the insert that carries its rows (up to a second): its parsed
    // facts, encoded now, would be copied by every young-generation collection until then. Redis
    // keeps the job's data for a retry; nothing after this reads it in memory (ADR 0048).
    job.data = { events: [], traceId, traceparent };
    await this.writer.write(encoded);
  }
}
