import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type BotNotEnoughDataEvent, ServerEvents } from '@cxgenie/contracts';
import { HandoffStore } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { LockKeeper, RedisLocks } from '@cxgenie/redis';
import type { AnswerOutcome } from '../../after-answer/answer-outcome';
import { notEnoughDataEvent } from '../../after-answer/report-not-enough-data.step';

/**
 * How long a writer's hold on a question's attempt lasts without renewal: a crashed writer's hold
 * is gone after this, and the job owing the attempt (ADR 0058) takes over.
 */
export const ATTEMPT_HOLD_TTL_MS = 10_000;
/** How often a writer waiting for another's hold on the attempt looks again. */
const ATTEMPT_HOLD_POLL_MS = 500;

/** The Redis key that one writer of a question's attempt holds at a time. */
export const attemptHoldKey = (messageId: string): string => `attempt:${messageId}`;

/**
 * The second half of a handoff decided first (ADR 0045): the customer already has the handoff
 * (nothing, or the fallback) and the next message may already be in the pipeline; the attempt
 * core-ai goes on writing for the agents is attached to the question and its ticket through the
 * conversation owner, then the agents get the event again with it. Runs in the background:
 * nothing waits for it but shutdown. A failure or a crash loses nothing: the handoff committed a
 * job owing the attempt (ADR 0058), which asks core-ai again if the attempt never arrived.
 */
@Injectable()
export class AttachAttemptedAnswer implements OnApplicationShutdown {
  private readonly logger = new Logger(AttachAttemptedAnswer.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly handoffs: HandoffStore,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly locks: RedisLocks,
  ) {}

  /** Starts attaching `attempt` once it resolves; returns what a test may wait for. */
  follow(outcome: AnswerOutcome, attempt: Promise<string | null>): Promise<void> {
    const run = this.exclusively(
      outcome.question.id,
      () => this.attachWhenWritten(outcome, attempt),
      // Redis away: PostgreSQL still takes the attempt (the first one stays), so the agents get
      // it now rather than from the owed job later.
      { withoutHold: true },
    )
      .catch((error: unknown) =>
        this.logger.warn(
          `the attempted answer to message ${outcome.question.id} was not attached: ${String(error)}`,
        ),
      )
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return run;
  }

  /**
   * Runs `work` as the one writer of the question's attempt: the live path, which takes the hold
   * right after the handoff's commit and keeps it until its attempt is attached, or the job owing
   * the attempt, which waits for that hold to end (or, after a crash, to expire) before it looks
   * whether the attempt is there. Without it a live attempt slower than the job's delay would be
   * asked of the model twice; PostgreSQL keeps the first attempt whatever the order
   * (`HandoffStore.attachAttemptedAnswer`). When Redis cannot be asked, `withoutHold` runs the
   * work anyway; otherwise the error is thrown (the job is retried).
   */
  async exclusively<T>(
    messageId: string,
    work: () => Promise<T>,
    { withoutHold = false }: { withoutHold?: boolean } = {},
  ): Promise<T> {
    let keeper: LockKeeper;
    try {
      keeper = await this.hold(attemptHoldKey(messageId));
    } catch (error) {
      if (!withoutHold) throw error;
      this.logger.warn(`no hold on the attempt to message ${messageId}: ${String(error)}`);
      return work();
    }
    try {
      return await work();
    } finally {
      await keeper.release();
    }
  }

  private async hold(key: string): Promise<LockKeeper> {
    let lock = await this.locks.acquire(key, ATTEMPT_HOLD_TTL_MS);
    while (!lock) {
      await new Promise((resolve) => setTimeout(resolve, ATTEMPT_HOLD_POLL_MS));
      lock = await this.locks.acquire(key, ATTEMPT_HOLD_TTL_MS);
    }
    return new LockKeeper(this.locks, lock, ATTEMPT_HOLD_TTL_MS).start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /**
   * Attaches an attempt through the conversation owner and sends the agents the handoff's event
   * again with it; also the way an attempt owed since a crash is paid (ADR 0058).
   */
  async attach(
    scope: TenantScope,
    handoff: BotNotEnoughDataEvent,
    attemptedAnswer: string,
  ): Promise<void> {
    const { ticketId, attached } = await this.handoffs.attachAttemptedAnswer(scope, {
      conversationId: handoff.conversationId,
      messageId: handoff.messageId,
      attemptedAnswer,
    });
    // Deleted meanwhile (no agent is left to tell), or another writer's attempt came first.
    if (!attached) return;
    const event: BotNotEnoughDataEvent = { ...handoff, attemptedAnswer };
    delete event.attemptPending;
    this.broadcaster.toAgents(event.workspaceId, ServerEvents.BotNotEnoughData, event);
    this.logger.log(
      `attempted answer to message ${handoff.messageId} attached` +
        (ticketId ? ` to ticket ${ticketId}` : ' (no ticket yet: its handoff will read it)'),
    );
  }

  private async attachWhenWritten(
    outcome: AnswerOutcome,
    attempt: Promise<string | null>,
  ): Promise<void> {
    const attemptedAnswer = await attempt;
    if (attemptedAnswer === null) {
      this.logger.warn(
        `core-ai did not finish the attempted answer to message ${outcome.question.id}: ` +
          'the job owed for it will ask again',
      );
      return;
    }
    await this.attach(
      outcome.scope,
      notEnoughDataEvent({ ...outcome, attemptPending: false }),
      attemptedAnswer,
    );
  }
}
