import type { ConversationStatus } from '@cxgenie/contracts';
import { CONVERSATION_TRANSITIONS, type ConversationTransition } from './conversation-status';

/**
 * A transition's source statuses as an SQL list literal (`'bot', 'human'`), for statements that
 * must test them inline (prepared statements take no list parameters). Built from the state
 * machine's constants only, never from input.
 */
export const fromStatusesSql = (transition: ConversationTransition): string =>
  (CONVERSATION_TRANSITIONS[transition].from as readonly ConversationStatus[])
    .map((status) => `'${status}'`)
    .join(', ');

export const toStatusSql = (transition: ConversationTransition): string =>
  `'${CONVERSATION_TRANSITIONS[transition].to}'`;
