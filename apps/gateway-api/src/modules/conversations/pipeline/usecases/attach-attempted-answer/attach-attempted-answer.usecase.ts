import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ServerEvents } from '@cxgenie/contracts';
import { HandoffStore } from '@cxgenie/conversations';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { AnswerOutcome } from '../../after-answer/answer-outcome';
import { notEnoughDataEvent } from '../../after-answer/report-not-enough-data.step';

/**
 * The second half of a handoff decided first (ADR 0045): the customer already has the handoff
 * (nothing, or the fallback) and the next message may already be in the pipeline; the attempt
 * core-ai goes on writing for the agents is attached to the question and its ticket through the
 * conversation owner, then the agents get the event again with it. Runs in the background:
 * nothing waits for it but shutdown, and a failure loses only the attempt, never the handoff.
 */
@Injectable()
export class AttachAttemptedAnswer implements OnApplicationShutdown {
  private readonly logger = new Logger(AttachAttemptedAnswer.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly handoffs: HandoffStore,
    private readonly broadcaster: RealtimeBroadcaster,
  ) {}

  /** Starts attaching `attempt` once it resolves; returns what a test may wait for. */
  follow(outcome: AnswerOutcome, attempt: Promise<string | null>): Promise<void> {
    const run = this.attach(outcome, attempt)
      .catch((error: unknown) =>
        this.logger.warn(
          `the attempted answer to message ${outcome.question.id} was not attached: ${String(error)}`,
        ),
      )
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return run;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async attach(outcome: AnswerOutcome, attempt: Promise<string | null>): Promise<void> {
    const attemptedAnswer = await attempt;
    if (attemptedAnswer === null) {
      this.logger.warn(
        `core-ai did not finish the attempted answer to message ${outcome.question.id}`,
      );
      return;
    }
    const { ticketId } = await this.handoffs.attachAttemptedAnswer(outcome.scope, {
      conversationId: outcome.conversationId,
      messageId: outcome.question.id,
      attemptedAnswer,
    });
    const event = { ...notEnoughDataEvent({ ...outcome, attemptPending: false }), attemptedAnswer };
    this.broadcaster.toAgents(event.workspaceId, ServerEvents.BotNotEnoughData, event);
    this.logger.log(
      `attempted answer to message ${outcome.question.id} attached` +
        (ticketId ? ` to ticket ${ticketId}` : ' (no ticket yet: its handoff will read it)'),
    );
  }
}
