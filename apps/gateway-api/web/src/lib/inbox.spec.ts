import type { Conversation } from '../api/types';
import { InboxStore, needsAttention } from './inbox';

const ME = 'user-me';
let n = 0;
const conversation = (patch: Partial<Conversation> = {}): Conversation => {
  n += 1;
  return {
    id: `c${n}`,
    status: 'bot',
    botId: 'b',
    channel: { id: 'ch', type: 'web' },
    assigneeId: null,
    subject: null,
    lastMessageSeq: 1,
    lastMessageAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    closedAt: null,
    customer: { id: `cu${n}`, name: null, email: null, avatarUrl: null },
    lastMessage: {
      id: `m${n}`,
      seq: 1,
      text: 'hello',
      senderType: 'customer',
      direction: 'inbound',
      status: 'received',
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    } as Conversation['lastMessage'],
    ...patch,
  };
};

describe('the inbox’s rules', () => {
  it('needs attention: a human conversation nobody has, or whose customer waits; a stuck bot', () => {
    const none = new Set<string>();
    expect(needsAttention(conversation({ status: 'human' }), none)).toBe(true);
    const answered = conversation({
      status: 'human',
      assigneeId: ME,
      lastMessage: { ...conversation().lastMessage!, senderType: 'agent' },
    });
    expect(needsAttention(answered, none)).toBe(false);
    expect(needsAttention(conversation({ status: 'human', assigneeId: ME }), none)).toBe(true);
    const bot = conversation();
    expect(needsAttention(bot, none)).toBe(false);
    expect(needsAttention(bot, new Set([bot.id]))).toBe(true);
    expect(needsAttention(conversation({ status: 'closed' }), new Set())).toBe(false);
  });

  it('keeps each tab’s rows and counts as events arrive', () => {
    const store = new InboxStore();
    const mine = conversation({ status: 'human', assigneeId: ME });
    const waiting = conversation({ status: 'human' });
    const stuck = conversation();
    store.upsert([mine, waiting, stuck]);
    expect(store.counts(ME)).toEqual({ attention: 2, mine: 1, unassigned: 1, all: 3 });

    // The bot gives up on a question: attention, until someone acts on it.
    expect(
      store.applyNotEnoughData({ conversationId: stuck.id } as Parameters<
        InboxStore['applyNotEnoughData']
      >[0]),
    ).toBe(true);
    expect(store.rows('attention', ME).map((c) => c.id)).toContain(stuck.id);
    store.applyUpdate({
      conversationId: stuck.id,
      change: 'taken_over',
      status: 'human',
      assigneeId: ME,
      closedAt: null,
      actorId: ME,
      at: new Date().toISOString(),
    });
    expect(store.counts(ME)).toEqual({ attention: 3, mine: 2, unassigned: 1, all: 3 });

    // Agent replies: no longer waiting on us.
    store.applyMessage({
      conversationId: mine.id,
      id: 'reply',
      seq: 2,
      text: 'on it',
      senderType: 'agent',
      direction: 'outbound',
      status: 'sent',
      createdAt: new Date(Date.UTC(2026, 0, 2)).toISOString(),
    });
    expect(store.rows('all', ME)[0]!.id).toBe(mine.id);
    expect(store.counts(ME).attention).toBe(2);
    // An event for a conversation never loaded asks the caller to fetch it.
    expect(
      store.applyMessage({ ...store.rows('all', ME)[0]!.lastMessage!, conversationId: 'unknown' }),
    ).toBe(false);
  });

  it('a bot reply shows as the last message without moving the conversation up', () => {
    const store = new InboxStore();
    const older = conversation();
    const newer = conversation();
    store.upsert([older, newer]);
    store.applyMessage({
      conversationId: older.id,
      id: 'bot-reply',
      seq: 2,
      text: 'Here is how',
      senderType: 'bot',
      direction: 'outbound',
      status: 'sent',
      createdAt: new Date(Date.UTC(2027, 0, 1)).toISOString(),
    });
    expect(store.rows('all', ME).map((c) => c.id)).toEqual([newer.id, older.id]);
    expect(store.conversations.get(older.id)!.lastMessage!.text).toBe('Here is how');
  });
});
