import type { ConversationStatus } from '@cxgenie/contracts';
import type { ConversationState, HistoryMessage, WaitingMessage } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import type { LockKeeper } from '@cxgenie/redis';
import type { BotConfig } from '../../../../core-modules/bot-config/bot-config.cache';
import type { BotTyping } from '../answer/bot-typing';

/** A waiting customer message, with the conversation as it is now (an agent may have taken over). */
export interface PendingMessage extends WaitingMessage {
  state: ConversationState;
}

/** What handling one message did, and whether the next one of the batch may follow at once. */
export type Outcome =
  /**
   * Committed, and the conversation's status as of that commit; `morePending: false` when the
   * commit saw no later customer message waiting (the backlog need not be read again).
   */
  | {
      handled: true;
      status: ConversationStatus;
      morePending?: boolean;
      /** The step wrote the progress hint itself (with its reply's chunk log dropped). */
      progressRecorded?: true;
    }
  /** Committed, but the conversation changed (handoff, rating): read it again. */
  | { handled: true; status: null }
  /** Somebody else handled it, or this worker lost the conversation. */
  | { handled: false };

export const NOT_HANDLED: Outcome = { handled: false };
export const STATE_CHANGED: Outcome = { handled: true, status: null };

/** Everything a step may need to handle one message of a batch. */
export interface MessageContext {
  scope: TenantScope;
  conversationId: string;
  message: PendingMessage;
  keeper: LockKeeper;
  /** The batch's window of earlier messages (every pending message's history is in it). */
  history: HistoryMessage[];
  typing: BotTyping;
  /** The bot's settings, read when a message of the batch first needs them. */
  bot: () => Promise<BotConfig | null>;
}

/**
 * One step of handling a customer message. Steps run in order; the first that returns an outcome
 * has handled the message (or found it handled), and null passes it on to the next.
 */
export interface MessageStep {
  handle(context: MessageContext): Promise<Outcome | null>;
}
