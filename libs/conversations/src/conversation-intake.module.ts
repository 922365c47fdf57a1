import { Global, Module } from '@nestjs/common';
import { AcceptCustomerMessage } from './intake/accept-customer-message.usecase';

/**
 * The shared intake, for the services channels enter through (gateway-api for the widget,
 * integration for platforms, email). Needs `ConversationStoreModule`, the broadcaster
 * (`RealtimeModule`) and the `conversation.inbound` queue registered by the service.
 */
@Global()
@Module({ providers: [AcceptCustomerMessage], exports: [AcceptCustomerMessage] })
export class ConversationIntakeModule {}
