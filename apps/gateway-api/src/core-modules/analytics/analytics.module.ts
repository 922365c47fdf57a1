import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { QueueNames } from '@cxgenie/contracts';
import { AnalyticsEventWriter } from './analytics-event-writer';
import { AnalyticsEventsPublisher } from './analytics-events.publisher';
import { AnalyticsEventsWorker } from './jobs/analytics-events.worker';

@Global()
@Module({
  imports: [
    BullModule.registerQueue({
      name: QueueNames.AnalyticsEvents,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: true,
        removeOnFail: 5_000,
      },
    }),
  ],
  providers: [AnalyticsEventsPublisher, AnalyticsEventWriter, AnalyticsEventsWorker],
  exports: [AnalyticsEventsPublisher],
})
export class AnalyticsModule {}
