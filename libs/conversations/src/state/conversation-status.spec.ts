import { CONVERSATION_STATUSES, type ConversationStatus } from '@cxgenie/contracts';
import { ConversationsException, ConversationsExceptionCode } from '../conversations.exception';
import {
  CONVERSATION_TRANSITIONS,
  type ConversationTransition,
  canTransition,
  illegalTransition,
} from './conversation-status';
import { fromStatusesSql, toStatusSql } from './sql';

const transitions = Object.keys(CONVERSATION_TRANSITIONS) as ConversationTransition[];

describe('the conversation state machine', () => {
  it('allows exactly the transitions the product has', () => {
    const allowed = transitions.flatMap((t) =>
      CONVERSATION_STATUSES.filter((from) => canTransition(t, from)).map(
        (from) => `${from} -${t}-> ${CONVERSATION_TRANSITIONS[t].to}`,
      ),
    );
    expect(allowed.sort()).toEqual(
      [
        'bot -take_over-> human',
        'human -take_over-> human',
        'bot -claim_by_reply-> human',
        'human -claim_by_reply-> human',
        'bot -hand_off-> human',
        'human -hand_off-> human',
        'bot -hand_back-> bot',
        'human -hand_back-> bot',
        'bot -close-> closed',
        'human -close-> closed',
        'closed -reopen-> human',
      ].sort(),
    );
  });

  it('leaves a closed conversation only by reopening it', () => {
    expect(transitions.filter((t) => canTransition(t, 'closed'))).toEqual(['reopen']);
  });

  it('refuses an illegal transition with a domain error naming the state', () => {
    const error = illegalTransition('take_over', 'closed');
    expect(error).toBeInstanceOf(ConversationsException);
    expect(error.code).toBe(ConversationsExceptionCode.ILLEGAL_TRANSITION);
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('The conversation is closed: reopen it before you take it over');
    expect(error.details).toEqual([{ field: 'status', message: 'is closed' }]);
    expect(illegalTransition('close', 'closed').message).toBe('The conversation is already closed');
    expect(illegalTransition('reopen', 'bot').message).toBe(
      'The conversation is with the bot and not closed: it cannot be reopened',
    );
  });

  it('gives SQL the same lists the table declares', () => {
    for (const t of transitions) {
      const from = CONVERSATION_TRANSITIONS[t].from as readonly ConversationStatus[];
      expect(fromStatusesSql(t)).toBe(from.map((s) => `'${s}'`).join(', '));
      expect(toStatusSql(t)).toBe(`'${CONVERSATION_TRANSITIONS[t].to}'`);
    }
  });
});
