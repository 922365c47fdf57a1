import { Module } from '@nestjs/common';
import { AvailabilityModule } from '../availability/availability.module';
import { SlaModule } from '../sla/sla.module';
import { TicketSchedulerWorker } from './jobs/ticket-scheduler.worker';

@Module({ imports: [SlaModule, AvailabilityModule], providers: [TicketSchedulerWorker] })
export class SchedulerModule {}
