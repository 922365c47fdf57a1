import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { AgentEventsModule } from './core-modules/agent-events/agent-events.module';
import { TicketQueuesModule } from './core-modules/queues/ticket-queues.module';
import { TicketsCoreModule } from './core-modules/tickets/tickets-core.module';
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
        TicketQueuesModule,
        AgentEventsModule,
        TicketsCoreModule,
        AssignmentModule,
        AvailabilityModule,
        SlaModule,
        HandoffModule,
        SchedulerModule,
      ],
    };
  }
}
