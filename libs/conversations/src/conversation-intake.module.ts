import { Global, Module } from '@nestjs/common';
import { AnalyticsPublisherModule } from '@cxgenie/analytics';
import { AcceptCustomerMessage } from './intake/accept-customer-message.usecase';
import { InboundFairness } from './intake/inbound-fairness';

/**
 * The shared intake, for the services channels enter through (gateway-api for the widget,
 * integration for platforms, email). Needs `ConversationStoreModule`, the broadcaster
 * (`RealtimeModule`) and the `conversation.inbound` and `analytics.events` queues registered by
 * the service.
 */
@Global()
@Module({
  imports: [AnalyticsPublisherModule],
  providers: [AcceptCustomerMessage, InboundFairness],
  exports: [AcceptCustomerMessage, InboundFairness],
})
export class ConversationIntakeModule {}
