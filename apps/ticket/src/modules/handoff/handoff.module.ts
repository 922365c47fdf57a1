import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignment/assignment.module';
import { SlaModule } from '../sla/sla.module';
import { BotNotEnoughDataWorker } from './jobs/bot-not-enough-data.worker';
import { HandoffRequestWorker } from './jobs/handoff-request.worker';
import { AnnounceHandoff } from './steps/announce-handoff.step';
import { AssignHandedOffTicket } from './steps/assign-handed-off-ticket.step';
import { HandOffConversation } from './usecases/hand-off-conversation/hand-off-conversation.usecase';
import { HandOffOnUnknownAnswer } from './usecases/hand-off-on-unknown-answer/hand-off-on-unknown-answer.usecase';

/** From the bot to a human: the triggers, human mode, the ticket and its context. */
@Module({
  imports: [AssignmentModule, SlaModule],
  providers: [
    HandOffConversation,
    AssignHandedOffTicket,
    AnnounceHandoff,
    HandOffOnUnknownAnswer,
    HandoffRequestWorker,
    BotNotEnoughDataWorker,
  ],
})
export class HandoffModule {}
