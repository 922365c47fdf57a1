import type { AnswerDoneEvent, AnswerRequest, MessagePayload } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import type { PendingMessage } from '../steps/message-step';

interface OutcomeBase {
  scope: TenantScope;
  conversationId: string;
  /** The customer message the bot handled. */
  question: PendingMessage;
  request: AnswerRequest;
  done: AnswerDoneEvent;
}

/**
 * What the bot did with a question, once committed: it replied, or it stayed silent (NO_REPLY
 * with nothing in its knowledge). What follows (delivery, agents told, analytics) are steps of
 * their own, each reacting to this.
 */
export type AnswerOutcome =
  | (OutcomeBase & { kind: 'answered'; reply: MessagePayload })
  | (OutcomeBase & { kind: 'silent' });

/** One step after the commit; a failure is retried with the job, so each must be idempotent. */
export interface AfterAnswerStep {
  handle(outcome: AnswerOutcome): Promise<void> | void;
}

export const AFTER_ANSWER_STEPS = Symbol('AFTER_ANSWER_STEPS');
