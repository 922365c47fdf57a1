import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QueueNames } from '@cxgenie/contracts';
import { CustomerMessageIntakeRepository } from '@cxgenie/database';
import { CoreAiClient } from '../../core-modules/core-ai/core-ai.client';
import { ConversationsController } from './conversations.controller';
import { ConversationActionsController } from './conversation-actions.controller';
import { WidgetCsatController } from './widget-csat.controller';
import { ConversationStateEvents } from './actions/conversation-state.events';
import { HandoffRequests } from './actions/handoff-requests';
import { OutboundMessages } from './actions/outbound-message';
import { CsatAnnouncer } from './actions/csat-announcer';
import { CaptureCsatReply } from './usecases/capture-csat-reply/capture-csat-reply.usecase';
import { CloseConversation } from './usecases/close-conversation/close-conversation.usecase';
import { GetConversationContext } from './usecases/get-conversation-context/get-conversation-context.usecase';
import { HandBackConversation } from './usecases/hand-back-conversation/hand-back-conversation.usecase';
import { ReopenConversation } from './usecases/reopen-conversation/reopen-conversation.usecase';
import { SendAgentMessage } from './usecases/send-agent-message/send-agent-message.usecase';
import { SubmitCsat } from './usecases/submit-csat/submit-csat.usecase';
import { TakeOverConversation } from './usecases/take-over-conversation/take-over-conversation.usecase';
import { WidgetMessagesController } from './widget-messages.controller';
import { AnswerFacts } from './actions/answer-facts';
import { ConversationInboundWorker } from './jobs/conversation-inbound.worker';
import { ConversationSweepWorker } from './jobs/conversation-sweep.worker';
import { StrandedMessages } from './ordering/stranded-messages';
import { RequeueStrandedMessages } from './usecases/requeue-stranded-messages/requeue-stranded-messages.usecase';
import { ConversationLock } from './ordering/conversation-lock';
import { ConversationBacklog } from './ordering/conversation-backlog';
import { ConversationProgress } from './ordering/conversation-progress';
import { ConversationFence } from './ordering/conversation-fence';
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
      { name: QueueNames.BotNotEnoughData, defaultJobOptions: RETRY },
      // Agent take-overs, for the ticket app (TicketsModule registers it for its own producers).
      { name: QueueNames.HandoffRequests, defaultJobOptions: RETRY },
      // Closing a conversation solves its ticket, which may make room for a waiting one.
      { name: QueueNames.TicketAssignment, defaultJobOptions: RETRY },
      { name: QueueNames.ConversationSweep },
    ),
  ],
  controllers: [
    ConversationsController,
    WidgetMessagesController,
    ConversationActionsController,
    WidgetCsatController,
  ],
  providers: [
    ListConversations,
    ListMessages,
    ReceiveCustomerMessage,
    CustomerMessageIntakeRepository,
    AnswerConversation,
    OpenWidgetConversation,
    ConversationLock,
    ConversationBacklog,
    ConversationProgress,
    ConversationFence,
    CoreAiClient,
    ConversationInboundWorker,
    StrandedMessages,
    RequeueStrandedMessages,
    ConversationSweepWorker,
    CustomerGateway,
    CustomerNamespace,
    AgentGateway,
    AgentNamespace,
    { provide: ConversationEvents, useClass: SocketConversationEvents },
    ConversationStateEvents,
    OutboundMessages,
    HandoffRequests,
    TakeOverConversation,
    HandBackConversation,
    SendAgentMessage,
    CloseConversation,
    ReopenConversation,
    SubmitCsat,
    CsatAnnouncer,
    AnswerFacts,
    CaptureCsatReply,
    GetConversationContext,
  ],
  exports: [ReceiveCustomerMessage, ConversationEvents],
})
export class ConversationsModule {}
