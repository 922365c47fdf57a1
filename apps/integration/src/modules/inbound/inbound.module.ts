import { Module } from '@nestjs/common';
import { ChannelCustomerRepository } from '@cxgenie/database';
import { InboundStaging } from './inbound-staging';
import { InboundFlushWorker } from './jobs/inbound-flush.worker';
import { AcceptStagedMessages } from './usecases/accept-staged-messages/accept-staged-messages.usecase';

/** Customer messages from the platforms: staged by the webhooks, accepted in order by the worker. */
@Module({
  providers: [InboundStaging, AcceptStagedMessages, InboundFlushWorker, ChannelCustomerRepository],
  exports: [InboundStaging],
})
export class InboundModule {}
