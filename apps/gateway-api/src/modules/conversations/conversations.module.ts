import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QueueNames } from '@cxgenie/contracts';
import { CoreAiClient } from '../../core-modules/core-ai/core-ai.client';
import { ConversationsController } from './conversations.controller';
import { WidgetMessagesController } from './widget-messages.controller';
import { ConversationInboundWorker } from './jobs/conversation-inbound.worker';
import { ConversationLock } from './ordering/conversation-lock';
import { AgentNamespace } from './realtime/agent-namespace';
import { AgentGateway } from './realtime/agent.gateway';
import { ConversationEvents } from './realtime/conversation-events';
import { CustomerNamespace } from './realtime/customer-namespace';
import { CustomerGateway } from './realtime/customer.gateway';
import { SocketConversationEvents } from './realtime/socket-conversation-events';
import { AnswerConversation } from './usecases/answer-conversation/answer-conversation.usecase';
import { ListConversations } from './usecases/list-conversations/list-conversations.usecase';
import { ListMessages } from './usecases/list-messages/list-messages.usecase';
import { OpenWidgetConversation } from './usecases/open-widget-conversation';
import { ReceiveCustomerMessage } from './usecases/receive-customer-message/receive-customer-message.usecase';

const RETRY = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
};

@Module({
  imports: [
    BullModule.registerQueue(
      // A crashed worker's job is handed to another after lockDuration; keep it short.
      {
        name: QueueNames.ConversationInbound,
        defaultJobOptions: RETRY,
        settings: { lockDuration: 10_000, stalledInterval: 5_000 },
      },
      { name: QueueNames.ChannelOutbound, defaultJobOptions: RETRY },
      { name: QueueNames.AnalyticsEvents, defaultJobOptions: { ...RETRY, removeOnComplete: true } },
      { name: QueueNames.BotNotEnoughData, defaultJobOptions: RETRY },
    ),
  ],
  controllers: [ConversationsController, WidgetMessagesController],
  providers: [
    ListConversations,
    ListMessages,
    ReceiveCustomerMessage,
    AnswerConversation,
    OpenWidgetConversation,
    ConversationLock,
    CoreAiClient,
    ConversationInboundWorker,
    CustomerGateway,
    CustomerNamespace,
    AgentGateway,
    AgentNamespace,
    { provide: ConversationEvents, useClass: SocketConversationEvents },
  ],
  exports: [ReceiveCustomerMessage, ConversationEvents],
})
export class ConversationsModule {}
