import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsPublisherModule } from '@cxgenie/analytics';
import { PlatformModule, type PlatformOptions, QueuesModule } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { ConversationStoreModule } from '@cxgenie/conversations';
import { RealtimeModule } from '@cxgenie/realtime';
import { AssignmentModule } from './modules/assignment/assignment.module';
import { AvailabilityModule } from './modules/availability/availability.module';
import { HandoffModule } from './modules/handoff/handoff.module';
import { SchedulerModule } from './modules/scheduler/scheduler.module';
import { SlaModule } from './modules/sla/sla.module';

/** Human handoff, tickets, assignment, agent availability and SLAs. */
@Module({})
export class TicketModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: TicketModule,
      imports: [
        PlatformModule.forService(config, options),
        QueuesModule.register([
          QueueNames.BotNotEnoughData,
          QueueNames.HandoffRequests,
          QueueNames.AgentPresence,
          QueueNames.TicketAssignment,
          QueueNames.TicketScheduler,
          QueueNames.AnalyticsEvents,
        ]),
        AnalyticsPublisherModule,
        RealtimeModule,
        ConversationStoreModule,
        AssignmentModule,
        AvailabilityModule,
        SlaModule,
        HandoffModule,
        SchedulerModule,
      ],
    };
  }
}
