import { Injectable } from '@nestjs/common';
import { type AttemptedAnswerJobData, QueueNames } from '@cxgenie/contracts';
import type { OutboxJob } from '@cxgenie/conversations';
import { withTraceId } from '@cxgenie/observability';
import type { AfterAnswerStep, CommittingOutcome } from './answer-outcome';
import { notEnoughDataEvent } from './report-not-enough-data.step';

/** The Bull job id of the attempt owed for a customer message: one debt per question. */
export const attemptJobId = (messageId: string): string => `attempted-answer:${messageId}`;

/**
 * A handoff decided first owes the agents its attempt (ADR 0045). The debt is committed with the
 * handoff, as an outbox job published with a delay (ADR 0058): by then this process has attached
 * the attempt, and the job finds it there; if the process died first, the job writes it again.
 */
@Injectable()
export class OweAttemptedAnswerStep implements AfterAnswerStep {
  committedJobs(outcome: CommittingOutcome): OutboxJob[] {
    if (!outcome.attemptPending) return [];
    const payload: AttemptedAnswerJobData = withTraceId({
      workspaceId: outcome.scope.workspaceId,
      conversationId: outcome.conversationId,
      messageId: outcome.question.id,
      request: outcome.request,
      event: notEnoughDataEvent(outcome),
    });
    return [
      { queue: QueueNames.AttemptedAnswers, jobId: attemptJobId(outcome.question.id), payload },
    ];
  }

  handle(): void {
    // Nothing after the commit: the attempt follows in the background (AttachAttemptedAnswer).
  }
}
