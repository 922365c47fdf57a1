import type { AnswerDoneEvent, AnswerRequest, MessagePayload } from '@cxgenie/contracts';
import type { OutboxJob } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import type { PendingMessage } from '../steps/message-step';

interface OutcomeBase {
  scope: TenantScope;
  conversationId: string;
  /** The customer message the bot handled. */
  question: PendingMessage;
  request: AnswerRequest;
  done: AnswerDoneEvent;
  /** Handed off on core-ai's decision: the attempt for the agents is still being written. */
  attemptPending?: boolean;
}

/**
 * What the bot did with a question, once committed: it replied, or it stayed silent (NO_REPLY
 * with nothing in its knowledge). What follows (delivery, agents told, analytics) are steps of
 * their own, each reacting to this.
 */
export type AnswerOutcome =
  | (OutcomeBase & { kind: 'answered'; reply: MessagePayload })
  | (OutcomeBase & { kind: 'silent' });

/** The outcome as it is about to be committed (a reply has no sequence number yet). */
export type CommittingOutcome = OutcomeBase & { kind: AnswerOutcome['kind'] };

/** One step after the commit; a failure is retried with the job, so each must be idempotent. */
export interface AfterAnswerStep {
  /**
   * Jobs that must not be lost once the outcome commits: written to the outbox by the committing
   * statement and published right after it (or by the relay, after a crash).
   */
  committedJobs?(outcome: CommittingOutcome): OutboxJob[];
  handle(outcome: AnswerOutcome): Promise<void> | void;
}

export const AFTER_ANSWER_STEPS = Symbol('AFTER_ANSWER_STEPS');
