import { Injectable } from '@nestjs/common';
import type { AnswerDoneEvent } from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';
import { AnalyticsEventsPublisher } from '../../../core-modules/analytics/analytics-events.publisher';

/** What the pipeline knows of a customer message it answered (or chose not to). */
export interface AnsweredQuestion {
  workspaceId: string;
  conversationId: string;
  botId: string;
  /** The customer message. */
  questionId: string;
  /** How long it waited for the bot, in ms. */
  waitedMs: number;
  done: AnswerDoneEvent;
}

/**
 * The analytics facts of the bot's work (ADR 0012): `message.answered` for a reply, with how the
 * answer came about; `message.unanswered` when the bot stayed silent (NO_REPLY with no answer in
 * its knowledge). Recorded after the commit, never waited for.
 */
@Injectable()
export class AnswerFacts {
  constructor(private readonly analytics: AnalyticsEventsPublisher) {}

  answered(question: AnsweredQuestion, reply: { id: string; text: string }): void {
    this.analytics.record(
      withTraceId({
        type: 'message.answered',
        workspaceId: question.workspaceId,
        conversationId: question.conversationId,
        messageId: reply.id,
        occurredAt: new Date().toISOString(),
        data: {
          replyToMessageId: question.questionId,
          chars: reply.text.length,
          ...common(question),
        },
      }),
    );
  }

  unanswered(question: AnsweredQuestion): void {
    this.analytics.record(
      withTraceId({
        type: 'message.unanswered',
        workspaceId: question.workspaceId,
        conversationId: question.conversationId,
        messageId: question.questionId,
        occurredAt: new Date().toISOString(),
        data: common(question),
      }),
    );
  }
}

const common = ({ botId, waitedMs, done }: AnsweredQuestion) => ({
  botId,
  outcome: done.outcome,
  haveEnoughInformation: done.haveEnoughInformation,
  provider: done.provider,
  model: done.model,
  waitedMs: Math.round(waitedMs),
});
