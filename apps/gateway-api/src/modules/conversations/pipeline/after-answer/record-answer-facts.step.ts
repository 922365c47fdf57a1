import { Injectable } from '@nestjs/common';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import type { AfterAnswerStep, AnswerOutcome } from './answer-outcome';

/**
 * The analytics facts of the bot's work (ADR 0012): `message.answered` for a reply, with how the
 * answer came about (and the question, when the bot did not know enough); `message.unanswered`
 * when the bot stayed silent. Batched by the publisher, never waited for: analytics must not hold
 * up the conversation's next message. Ids are the reply's or the question's, so a step run again
 * after a retry records nothing new.
 */
@Injectable()
export class RecordAnswerFactsStep implements AfterAnswerStep {
  constructor(private readonly analytics: AnalyticsPublisher) {}

  handle(outcome: AnswerOutcome): void {
    const { scope, conversationId, question, done } = outcome;
    const common = {
      workspaceId: scope.workspaceId,
      conversationId,
      botId: question.state.bot_id,
      channelType: question.state.channel_type,
      customerId: question.state.customer_id,
      provider: done.provider,
      model: done.model,
      waitedMs: Math.round(question.waited_ms),
    };
    if (outcome.kind === 'answered' && done.outcome !== 'silent') {
      this.analytics.record({
        ...common,
        type: 'message.answered',
        id: outcome.reply.id,
        occurredAt: outcome.reply.createdAt,
        messageId: outcome.reply.id,
        replyToMessageId: question.id,
        outcome: done.outcome,
        haveEnoughInformation: done.haveEnoughInformation,
        chars: outcome.reply.text.length,
        question: done.haveEnoughInformation ? null : question.text,
      });
      return;
    }
    this.analytics.record({
      ...common,
      type: 'message.unanswered',
      id: question.id,
      occurredAt: new Date().toISOString(),
      messageId: question.id,
      question: question.text,
    });
  }
}
