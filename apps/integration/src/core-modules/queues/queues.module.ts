import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { QueueNames } from '@cxgenie/contracts';

// The same job options gateway-api produces these queues with.
const RETRY = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
};

const queues = BullModule.registerQueue(
  { name: QueueNames.ConversationInbound, defaultJobOptions: RETRY },
  { name: QueueNames.ChannelOutbound, defaultJobOptions: RETRY },
  // A delivery that failed for good hands the conversation to a human (the ticket app).
  { name: QueueNames.HandoffRequests, defaultJobOptions: RETRY },
);

/**
 * The queues the integration service feeds (conversation.inbound, handoff.requests) and drains
 * (channel.outbound).
 */
@Global()
@Module({ imports: [queues], exports: [queues] })
export class QueuesModule {}
