import { Global, Module } from '@nestjs/common';
import { AnalyticsPublisher } from './analytics-publisher';

/**
 * `AnalyticsPublisher` for a service that records facts. Needs the `analytics.events` queue
 * registered by the service (`QueuesModule.register`).
 */
@Global()
@Module({ providers: [AnalyticsPublisher], exports: [AnalyticsPublisher] })
export class AnalyticsPublisherModule {}
