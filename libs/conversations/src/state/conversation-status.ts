import type { ConversationStatus } from '@cxgenie/contracts';
import { ConversationsException, ConversationsExceptionCode } from '../conversations.exception';

/**
 * The conversation's state machine, declared once. Every statement that changes a conversation's
 * status takes its `from` list from here (so the SQL cannot drift from the table), and an action
 * asked of a conversation in any other state is a domain error, never a silent no-op.
 *
 *   bot ──hand_off / take_over / claim_by_reply──▶ human
 *   human ──hand_back──▶ bot
 *   bot | human ──close──▶ closed ──reopen──▶ human
 *
 * `human → human` (take_over, hand_off, claim_by_reply) and `bot → bot` (hand_back) are legal and
 * change nothing but, perhaps, the assignee.
 */
export const CONVERSATION_TRANSITIONS = {
  /** An agent takes the conversation from the bot, or from another agent. */
  take_over: { from: ['bot', 'human'], to: 'human' },
  /** An agent's reply claims the conversation (the bot falls silent). */
  claim_by_reply: { from: ['bot', 'human'], to: 'human' },
  /** The customer, the bot or a failed delivery asked for a human. */
  hand_off: { from: ['bot', 'human'], to: 'human' },
  /** The agent gives the conversation back to the bot. */
  hand_back: { from: ['bot', 'human'], to: 'bot' },
  close: { from: ['bot', 'human'], to: 'closed' },
  /** Reopened in human mode: a conversation closed after a handoff must not bounce to the bot. */
  reopen: { from: ['closed'], to: 'human' },
} as const satisfies Record<
  string,
  { from: readonly ConversationStatus[]; to: ConversationStatus }
>;

export type ConversationTransition = keyof typeof CONVERSATION_TRANSITIONS;

export function canTransition(
  transition: ConversationTransition,
  from: ConversationStatus,
): boolean {
  return (CONVERSATION_TRANSITIONS[transition].from as readonly ConversationStatus[]).includes(
    from,
  );
}

/** The domain error for an action the conversation's current state does not allow. */
export function illegalTransition(
  transition: ConversationTransition,
  from: ConversationStatus,
): ConversationsException {
  return new ConversationsException(
    ConversationsExceptionCode.ILLEGAL_TRANSITION,
    illegalTransitionMessage(transition, from),
    [{ field: 'status', message: `is ${from}` }],
  );
}

const ACTIONS: Record<ConversationTransition, string> = {
  take_over: 'take it over',
  claim_by_reply: 'reply',
  hand_off: 'hand it off',
  hand_back: 'hand it back to the bot',
  close: 'close it',
  reopen: 'reopened',
};

function illegalTransitionMessage(transition: ConversationTransition, from: ConversationStatus) {
  if (transition === 'close' && from === 'closed') return 'The conversation is already closed';
  if (from === 'closed')
    return `The conversation is closed: reopen it before you ${ACTIONS[transition]}`;
  const mode = from === 'bot' ? 'with the bot' : 'with an agent';
  return `The conversation is ${mode} and not closed: it cannot be ${ACTIONS[transition]}`;
}
