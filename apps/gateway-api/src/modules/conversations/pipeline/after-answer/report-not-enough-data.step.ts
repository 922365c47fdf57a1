import { Injectable } from '@nestjs/common';
import { type BotNotEnoughDataEvent, QueueNames, ServerEvents } from '@cxgenie/contracts';
import type { OutboxJob } from '@cxgenie/conversations';
import { withTraceId } from '@cxgenie/observability';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { AfterAnswerStep, AnswerOutcome, CommittingOutcome } from './answer-outcome';

const unsure = (outcome: CommittingOutcome): boolean =>
  !(outcome.kind === 'answered' && outcome.done.haveEnoughInformation);

/**
 * The bot had nothing grounded to say (it stayed silent, gave the fallback or an unsure answer):
 * the ticket app is told durably (an outbox job, committed with the outcome) to decide on a
 * handoff, and the agents live. Customers never learn that the bot was unsure.
 */
@Injectable()
export class ReportNotEnoughDataStep implements AfterAnswerStep {
  constructor(private readonly broadcaster: RealtimeBroadcaster) {}

  committedJobs(outcome: CommittingOutcome): OutboxJob[] {
    if (!unsure(outcome)) return [];
    const event = notEnoughDataEvent(outcome);
    return [
      {
        queue: QueueNames.BotNotEnoughData,
        jobId: `not-enough-data:${outcome.question.id}`,
        payload: event,
      },
    ];
  }

  handle(outcome: AnswerOutcome): void {
    if (!unsure(outcome)) return;
    const event = notEnoughDataEvent(outcome);
    this.broadcaster.toAgents(event.workspaceId, ServerEvents.BotNotEnoughData, event);
  }
}

/** What the agents and the ticket app are told; the attempt is the one written so far, if any. */
export function notEnoughDataEvent({
  scope,
  question,
  request,
  done,
  attemptPending,
}: CommittingOutcome): BotNotEnoughDataEvent {
  return withTraceId({
    type: 'BOT_NOT_ENOUGH_DATA' as const,
    workspaceId: scope.workspaceId,
    botId: request.botId,
    conversationId: request.conversationId,
    customerId: question.state.customer_id,
    channelId: question.state.channel_id,
    messageId: question.id,
    question: question.text,
    attemptedAnswer: done.attemptedAnswer ?? '',
    ...(attemptPending ? { attemptPending: true } : {}),
    answerability: done.answerability ?? null,
    policy: request.bot.typeReplyUnknown,
    sources: done.citations,
    occurredAt: new Date().toISOString(),
  });
}
