import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { QueueNames } from '@cxgenie/contracts';

const RETRY = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
};

const CONSUMED = [
  QueueNames.BotNotEnoughData,
  QueueNames.HandoffRequests,
  QueueNames.AgentPresence,
  QueueNames.TicketAssignment,
] as const;

/**
 * Every queue the ticket app consumes, registered once (one Bull client per queue per process)
 * and shared by the modules that need them.
 */
@Global()
@Module({
  imports: [
    BullModule.registerQueue(...CONSUMED.map((name) => ({ name, defaultJobOptions: RETRY })), {
      name: QueueNames.TicketScheduler,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: 100, attempts: 1 },
    }),
  ],
  exports: [BullModule],
})
export class TicketQueuesModule {}
