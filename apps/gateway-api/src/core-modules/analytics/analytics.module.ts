import { Global, Module } from '@nestjs/common';
import { AnalyticsEventWriter } from './analytics-event-writer';
import { AnalyticsEventsPublisher } from './analytics-events.publisher';
import { AnalyticsEventsWorker } from './jobs/analytics-events.worker';

/** Analytics facts: batched onto `analytics.events`, and written to ClickHouse by this service. */
@Global()
@Module({
  providers: [AnalyticsEventsPublisher, AnalyticsEventWriter, AnalyticsEventsWorker],
  exports: [AnalyticsEventsPublisher],
})
export class AnalyticsModule {}
