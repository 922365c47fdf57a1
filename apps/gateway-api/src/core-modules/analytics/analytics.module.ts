import { Global, Module } from '@nestjs/common';
import { AnalyticsPublisherModule } from '@cxgenie/analytics';
import { CoreAiClient } from '../core-ai/core-ai.client';
import { AnalyticsEventWriter } from './analytics-event-writer';
import { AnalyticsMetrics } from './analytics.metrics';
import { AnalyticsSchema } from './analytics-schema';
import { FactDimensions } from './enrichment/fact-dimensions';
import { FactEnricher } from './enrichment/fact-enricher';
import { SentimentJudge } from './enrichment/sentiment-judge';
import { AnalyticsEventsWorker } from './jobs/analytics-events.worker';

/**
 * Analytics facts: recorded here like in every service (`AnalyticsPublisher`), and written to
 * ClickHouse by this service, the store's one owner (schema, enrichment, writer).
 */
@Global()
@Module({
  imports: [AnalyticsPublisherModule],
  providers: [
    AnalyticsSchema,
    AnalyticsMetrics,
    FactDimensions,
    SentimentJudge,
    FactEnricher,
    AnalyticsEventWriter,
    AnalyticsEventsWorker,
    CoreAiClient,
  ],
  exports: [AnalyticsSchema],
})
export class AnalyticsModule {}
