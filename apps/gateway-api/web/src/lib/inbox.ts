import type {
  BotNotEnoughDataEvent,
  ConversationUpdatedPayload,
  MessagePayload,
} from '@cxgenie/contracts';
import type { Conversation } from '../api/types';

export const INBOX_TABS = ['attention', 'mine', 'unassigned', 'all'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const TAB_LABELS: Record<InboxTab, string> = {
  attention: 'Needs attention',
  mine: 'Mine',
  unassigned: 'Unassigned',
  all: 'All',
};

const isOpen = (c: Conversation) => c.status !== 'closed';
const customerWaiting = (c: Conversation) => c.lastMessage?.senderType === 'customer';

/**
 * A human conversation nobody has, or whose customer waits for an answer; or a bot conversation
 * whose bot gave up on a question no agent has acted on since.
 */
export function needsAttention(c: Conversation, stuck: ReadonlySet<string>): boolean {
  if (!isOpen(c)) return false;
  if (c.status === 'human') return !c.assigneeId || customerWaiting(c);
  return stuck.has(c.id);
}

export function tabFilter(
  tab: InboxTab,
  me: string,
  stuck: ReadonlySet<string>,
): (c: Conversation) => boolean {
  switch (tab) {
    case 'attention':
      return (c) => needsAttention(c, stuck);
    case 'mine':
      return (c) => isOpen(c) && c.assigneeId === me;
    case 'unassigned':
      return (c) => c.status === 'human' && !c.assigneeId;
    case 'all':
      return () => true;
  }
}

/** Newest first, by the last message of a person (the API's own order). */
export const byLastMessage = (a: Conversation, b: Conversation): number =>
  Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || (a.id < b.id ? 1 : -1);

type Listener = () => void;

/**
 * The inbox's live state, outside React so a page change keeps it: every conversation loaded or
 * heard of, the questions the bot gave up on, and what it attempted. Socket events are applied
 * here; a conversation the store does not know yet is reported back to be fetched.
 */
export class InboxStore {
  readonly conversations = new Map<string, Conversation>();
  readonly stuck = new Set<string>();
  readonly attempts = new Map<string, BotNotEnoughDataEvent>();
  private version = 0;
  private readonly listeners = new Set<Listener>();

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  upsert(rows: Conversation[]): void {
    for (const row of rows) this.conversations.set(row.id, row);
    this.changed();
  }

  /** Returns false when the conversation is unknown (the caller fetches it). */
  applyMessage(
    message: Pick<
      MessagePayload,
      'conversationId' | 'id' | 'seq' | 'text' | 'senderType' | 'direction' | 'status' | 'createdAt'
    >,
  ): boolean {
    const c = this.conversations.get(message.conversationId);
    if (!c) return false;
    if (!c.lastMessage || message.seq >= c.lastMessage.seq) {
      const moves = message.senderType === 'customer' || message.senderType === 'agent';
      this.conversations.set(c.id, {
        ...c,
        lastMessageSeq: Math.max(c.lastMessageSeq, message.seq),
        // A bot reply shows as the last message but does not move the conversation (API order).
        lastMessageAt: moves ? message.createdAt : c.lastMessageAt,
        lastMessage: {
          id: message.id,
          seq: message.seq,
          text: message.text,
          senderType: message.senderType,
          direction: message.direction,
          status: message.status,
          createdAt: message.createdAt,
        },
      });
    }
    this.changed();
    return true;
  }

  /** Someone acted on it: the bot being stuck earlier no longer calls for attention. */
  applyUpdate(update: ConversationUpdatedPayload): boolean {
    this.stuck.delete(update.conversationId);
    const c = this.conversations.get(update.conversationId);
    if (!c) return false;
    this.conversations.set(c.id, {
      ...c,
      status: update.status,
      assigneeId: update.assigneeId,
      closedAt: update.closedAt,
    });
    this.changed();
    return true;
  }

  applyNotEnoughData(event: BotNotEnoughDataEvent): boolean {
    this.attempts.set(event.conversationId, event);
    this.stuck.add(event.conversationId);
    this.changed();
    return this.conversations.has(event.conversationId);
  }

  rows(tab: InboxTab, me: string): Conversation[] {
    return [...this.conversations.values()]
      .filter(tabFilter(tab, me, this.stuck))
      .sort(byLastMessage);
  }

  counts(me: string): Record<InboxTab, number> {
    const all = [...this.conversations.values()];
    return Object.fromEntries(
      INBOX_TABS.map((tab) => [tab, all.filter(tabFilter(tab, me, this.stuck)).length]),
    ) as Record<InboxTab, number>;
  }

  clear(): void {
    this.conversations.clear();
    this.stuck.clear();
    this.attempts.clear();
    this.changed();
  }
}
