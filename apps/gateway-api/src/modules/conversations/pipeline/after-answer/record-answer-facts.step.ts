import { Injectable } from '@nestjs/common';
import { withTraceId } from '@cxgenie/observability';
import { AnalyticsEventsPublisher } from '../../../../core-modules/analytics/analytics-events.publisher';
import type { AfterAnswerStep, AnswerOutcome } from './answer-outcome';

/**
 * The analytics facts of the bot's work (ADR 0012): `message.answered` for a reply, with how the
 * answer came about; `message.unanswered` when the bot stayed silent. Batched by the publisher,
 * never waited for: analytics must not hold up the conversation's next message.
 */
@Injectable()
export class RecordAnswerFactsStep implements AfterAnswerStep {
  constructor(private readonly analytics: AnalyticsEventsPublisher) {}

  handle(outcome: AnswerOutcome): void {
    const { scope, conversationId, question, done } = outcome;
    const common = {
      botId: question.state.bot_id,
      outcome: done.outcome,
      haveEnoughInformation: done.haveEnoughInformation,
      provider: done.provider,
      model: done.model,
      waitedMs: Math.round(question.waited_ms),
    };
    const base = {
      workspaceId: scope.workspaceId,
      conversationId,
      occurredAt: new Date().toISOString(),
    };
    this.analytics.record(
      outcome.kind === 'answered'
        ? withTraceId({
            ...base,
            type: 'message.answered' as const,
            messageId: outcome.reply.id,
            data: { replyToMessageId: question.id, chars: outcome.reply.text.length, ...common },
          })
        : withTraceId({
            ...base,
            type: 'message.unanswered' as const,
            messageId: question.id,
            data: common,
          }),
    );
  }
}
