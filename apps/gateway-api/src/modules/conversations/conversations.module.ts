import { MemberRepository } from '@cxgenie/database';
import { Module } from '@nestjs/common';
import { AgentFiles } from './agent-files/agent-files';
import { AgentFilesErrors } from './agent-files/agent-files.interceptor';
import { GetMessageAttachment } from './usecases/get-message-attachment/get-message-attachment.usecase';
import { GetEmailOriginal } from './usecases/get-email-original/get-email-original.usecase';
import { CoreAiClient } from '../../core-modules/core-ai/core-ai.client';
import { TicketsModule } from '../tickets/tickets.module';
import { CsatAnnouncer } from './agent-actions/csat-announcer';
import { OutboundPublisher } from './agent-actions/outbound-publisher';
import { TakeoverRequests } from './agent-actions/takeover-requests';
import { ConversationActionsController } from './conversation-actions.controller';
import { ConversationsController } from './conversations.controller';
import { OutboundDelivery } from './delivery/outbound-delivery';
import { AFTER_ANSWER_STEPS } from './pipeline/after-answer/answer-outcome';
import { QueueReplyDeliveryStep } from './pipeline/after-answer/queue-reply-delivery.step';
import { RecordAnswerFactsStep } from './pipeline/after-answer/record-answer-facts.step';
import { ReportNotEnoughDataStep } from './pipeline/after-answer/report-not-enough-data.step';
import { OweAttemptedAnswerStep } from './pipeline/after-answer/owe-attempted-answer.step';
import { AttemptedAnswerWorker } from './pipeline/jobs/attempted-answer.worker';
import { RecoverAttemptedAnswer } from './pipeline/usecases/recover-attempted-answer/recover-attempted-answer.usecase';
import { AttachAttemptedAnswer } from './pipeline/usecases/attach-attempted-answer/attach-attempted-answer.usecase';
import { StreamAnswer } from './pipeline/answer/stream-answer';
import { StreamedChunks } from './pipeline/streaming/streamed-chunks';
import { ConversationInboundWorker } from './pipeline/jobs/conversation-inbound.worker';
import { ConversationSweepWorker } from './pipeline/jobs/conversation-sweep.worker';
import { SetAsidePoisonMessage } from './pipeline/failures/set-aside-poison-message';
import { ConversationLocks } from './pipeline/ordering/conversation-locks';
import { ConversationProgress } from './pipeline/ordering/conversation-progress';
import { StrandedMessages } from './pipeline/ordering/stranded-messages';
import { AnswerWithBotStep } from './pipeline/steps/answer-with-bot.step';
import { AutomatedMessageStep } from './pipeline/steps/automated-message.step';
import { BotOffStep } from './pipeline/steps/bot-off.step';
import { CaptureCsatReplyStep } from './pipeline/steps/capture-csat-reply.step';
import { BotPausedStep } from './pipeline/steps/bot-paused.step';
import { DailyBudgetStep } from './pipeline/steps/daily-budget.step';
import { OutboxPublisher } from './pipeline/outbox/outbox-publisher';
import { HandoffPhraseStep } from './pipeline/steps/handoff-phrase.step';
import { MessageSteps } from './pipeline/steps/message-steps';
import { DrainConversation } from './pipeline/usecases/drain-conversation/drain-conversation.usecase';
import { RequeueStrandedMessages } from './pipeline/usecases/requeue-stranded-messages/requeue-stranded-messages.usecase';
import { AgentGateway } from './realtime/agent.gateway';
import { CloseConversation } from './usecases/close-conversation/close-conversation.usecase';
import { GetConversationContext } from './usecases/get-conversation-context/get-conversation-context.usecase';
import { HandBackConversation } from './usecases/hand-back-conversation/hand-back-conversation.usecase';
import { ListConversations } from './usecases/list-conversations/list-conversations.usecase';
import { ListMessages } from './usecases/list-messages/list-messages.usecase';
import { ReopenConversation } from './usecases/reopen-conversation/reopen-conversation.usecase';
import { SendAgentMessage } from './usecases/send-agent-message/send-agent-message.usecase';
import { SubmitCsat } from './usecases/submit-csat/submit-csat.usecase';
import { TakeOverConversation } from './usecases/take-over-conversation/take-over-conversation.usecase';

/**
 * The steps after a committed answer, in order: agents told (and an attempt owed them),
 * delivery queued, facts recorded.
 */
const AFTER_ANSWER = [
  ReportNotEnoughDataStep,
  OweAttemptedAnswerStep,
  QueueReplyDeliveryStep,
  RecordAnswerFactsStep,
];

/**
 * Conversations as agents see and act on them (the inbox, take-over, reply, hand back, close,
 * reopen), and the pipeline that answers customers' messages in order. Their state is owned by
 * libs/conversations; this module decides, announces and queues.
 */
@Module({
  imports: [TicketsModule],
  controllers: [ConversationsController, ConversationActionsController],
  providers: [
    AgentFiles,
    AgentFilesErrors,
    GetMessageAttachment,
    GetEmailOriginal,
    CoreAiClient,
    ListConversations,
    ListMessages,
    GetConversationContext,
    TakeOverConversation,
    HandBackConversation,
    SendAgentMessage,
    CloseConversation,
    ReopenConversation,
    SubmitCsat,
    CsatAnnouncer,
    OutboundPublisher,
    OutboundDelivery,
    TakeoverRequests,
    AgentGateway,
    MemberRepository,
    DrainConversation,
    MessageSteps,
    AutomatedMessageStep,
    CaptureCsatReplyStep,
    BotOffStep,
    HandoffPhraseStep,
    BotPausedStep,
    OutboxPublisher,
    DailyBudgetStep,
    AnswerWithBotStep,
    StreamAnswer,
    AttachAttemptedAnswer,
    RecoverAttemptedAnswer,
    AttemptedAnswerWorker,
    StreamedChunks,
    ...AFTER_ANSWER,
    {
      provide: AFTER_ANSWER_STEPS,
      useFactory: (...steps: unknown[]) => steps,
      inject: AFTER_ANSWER,
    },
    ConversationProgress,
    ConversationLocks,
    SetAsidePoisonMessage,
    ConversationInboundWorker,
    StrandedMessages,
    RequeueStrandedMessages,
    ConversationSweepWorker,
  ],
  exports: [SubmitCsat, StreamedChunks],
})
export class ConversationsModule {}
