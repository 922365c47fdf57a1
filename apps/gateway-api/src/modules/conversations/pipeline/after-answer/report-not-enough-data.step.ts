import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type BotNotEnoughDataEvent, QueueNames, ServerEvents } from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { AfterAnswerStep, AnswerOutcome } from './answer-outcome';

/**
 * The bot had nothing grounded to say (it stayed silent, gave the fallback or an unsure answer):
 * the agents are told live, and the ticket app durably, to decide on a handoff. Customers never
 * learn that the bot was unsure.
 */
@Injectable()
export class ReportNotEnoughDataStep implements AfterAnswerStep {
  constructor(
    private readonly broadcaster: RealtimeBroadcaster,
    @InjectQueue(QueueNames.BotNotEnoughData)
    private readonly notEnoughData: Queue<BotNotEnoughDataEvent>,
  ) {}

  async handle(outcome: AnswerOutcome): Promise<void> {
    if (outcome.kind === 'answered' && outcome.done.haveEnoughInformation) return;
    const { question, request, done } = outcome;
    const event: BotNotEnoughDataEvent = withTraceId({
      type: 'BOT_NOT_ENOUGH_DATA',
      workspaceId: outcome.scope.workspaceId,
      botId: request.botId,
      conversationId: request.conversationId,
      customerId: question.state.customer_id,
      channelId: question.state.channel_id,
      messageId: question.id,
      question: question.text,
      attemptedAnswer: done.attemptedAnswer ?? '',
      policy: request.bot.typeReplyUnknown,
      sources: done.citations,
      occurredAt: new Date().toISOString(),
    });
    this.broadcaster.toAgents(event.workspaceId, ServerEvents.BotNotEnoughData, event);
    await this.notEnoughData.add(event, { jobId: `not-enough-data:${question.id}` });
  }
}
