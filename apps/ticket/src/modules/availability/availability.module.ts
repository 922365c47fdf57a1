import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignment/assignment.module';
import { AgentPresenceWorker } from './jobs/agent-presence.worker';
import { RecomputeAvailability } from './usecases/recompute-availability/recompute-availability.usecase';
import { SweepAvailability } from './usecases/sweep-availability/sweep-availability.usecase';

/** Agent availability (online, idle, offline) from socket presence and chosen status. */
@Module({
  imports: [AssignmentModule],
  providers: [RecomputeAvailability, SweepAvailability, AgentPresenceWorker],
  exports: [SweepAvailability],
})
export class AvailabilityModule {}
