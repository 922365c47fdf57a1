import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignment/assignment.module';
import { SlaModule } from '../sla/sla.module';
import { BotNotEnoughDataWorker } from './jobs/bot-not-enough-data.worker';
import { HandoffRequestWorker } from './jobs/handoff-request.worker';
import { HandOffConversation } from './usecases/hand-off-conversation/hand-off-conversation.usecase';
import { HandOffOnUnknownAnswer } from './usecases/hand-off-on-unknown-answer/hand-off-on-unknown-answer.usecase';

/** From the bot to a human: the triggers, human mode, the ticket and its context. */
@Module({
  imports: [AssignmentModule, SlaModule],
  providers: [
    HandOffConversation,
    HandOffOnUnknownAnswer,
    HandoffRequestWorker,
    BotNotEnoughDataWorker,
  ],
})
export class HandoffModule {}
