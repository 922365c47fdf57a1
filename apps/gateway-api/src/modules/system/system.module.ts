import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { WORKER_SERVICES, heartbeatQueueName } from '@cxgenie/contracts';
import { SystemController } from './system.controller';
import { CheckSystem } from './usecases/check-system/check-system.usecase';
import { HEARTBEAT_QUEUES, heartbeatQueuesProvider } from './heartbeat-queues.provider';

@Module({
  imports: [
    BullModule.registerQueue(
      ...WORKER_SERVICES.map((service) => ({
        name: heartbeatQueueName(service),
        // Completed heartbeats are kept briefly: `job.finished()` must still find one that completed
        // before it started listening.
        defaultJobOptions: { removeOnComplete: 50, removeOnFail: 50, attempts: 1 },
      })),
    ),
  ],
  controllers: [SystemController],
  providers: [heartbeatQueuesProvider, CheckSystem],
  exports: [HEARTBEAT_QUEUES],
})
export class SystemModule {}
