import { Module } from '@nestjs/common';
import { DeliveryNotices, OrderedDelivery } from '@cxgenie/conversations';
import { DeliveryStatusModule } from '../delivery-status/delivery-status.module';
import { ChannelOutboundWorker } from './jobs/channel-outbound.worker';
import { OutboundHold } from './outbound-hold';
import { OutboundResumes } from './steps/outbound-resumes.step';
import { PlatformDeliveryOutcomes } from './steps/platform-delivery-outcomes.step';
import { SendPendingMessage } from './steps/send-pending-message.step';
import { DeliverConversation } from './usecases/deliver-conversation/deliver-conversation.usecase';

/** Bot and agent messages out to the platforms, in order, with retries and failure reports. */
@Module({
  imports: [DeliveryStatusModule],
  providers: [
    OutboundHold,
    OrderedDelivery,
    DeliveryNotices,
    OutboundResumes,
    PlatformDeliveryOutcomes,
    SendPendingMessage,
    DeliverConversation,
    ChannelOutboundWorker,
  ],
})
export class OutboundModule {}
