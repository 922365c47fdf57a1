import { Module } from '@nestjs/common';
import { DeliveryStatusModule } from '../delivery-status/delivery-status.module';
import { ChannelOutboundWorker } from './jobs/channel-outbound.worker';
import { OutboundHold } from './outbound-hold';
import { DeliverConversation } from './usecases/deliver-conversation/deliver-conversation.usecase';

/** Bot and agent messages out to the platforms, in order, with retries and failure reports. */
@Module({
  imports: [DeliveryStatusModule],
  providers: [OutboundHold, DeliverConversation, ChannelOutboundWorker],
})
export class OutboundModule {}
