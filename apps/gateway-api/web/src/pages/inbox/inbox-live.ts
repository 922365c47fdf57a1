import { useEffect, useSyncExternalStore } from 'react';
import {
  type BotNotEnoughDataEvent,
  type ConversationUpdatedPayload,
  type MessagePayload,
  ServerEvents,
} from '@cxgenie/contracts';
import { request } from '../../api/client';
import type { Conversation, Page } from '../../api/types';
import { InboxStore } from '../../lib/inbox';
import { agentSocket } from '../../realtime/socket';
import { onSessionChange } from '../../session/session';

const LIST_LIMIT = 100;

/** One store for the signed-in workspace; a sign-out or a switch empties it. */
export const inboxStore = new InboxStore();
let loadedFor: string | null = null;
onSessionChange((session) => {
  if (session?.workspaceId !== loadedFor) {
    loadedFor = null;
    inboxStore.clear();
  }
});

async function fetchConversation(id: string): Promise<void> {
  try {
    inboxStore.upsert([await request<Conversation>('GET', `/api/v1/conversations/${id}`)]);
  } catch {
    // Gone or not ours: nothing to show.
  }
}

/** The first pages of each tab's own filter, so every tab's count is right for what it shows. */
export async function loadInbox(workspaceId: string, me: string): Promise<void> {
  const queries = [
    `limit=${LIST_LIMIT}`,
    `status=human&limit=${LIST_LIMIT}`,
    `assignee=${me}&limit=${LIST_LIMIT}`,
    `unassigned=true&status=human&limit=${LIST_LIMIT}`,
  ];
  const pages = await Promise.all(
    queries.map((q) => request<Page<Conversation>>('GET', `/api/v1/conversations?${q}`)),
  );
  loadedFor = workspaceId;
  inboxStore.upsert(pages.flatMap((page) => page.items));
}

export const inboxLoaded = (workspaceId: string): boolean => loadedFor === workspaceId;

/** Socket events into the store; a conversation it has not seen yet is fetched. */
export function useInboxLive(): void {
  useEffect(() => {
    const socket = agentSocket();
    const onMessage = (message: MessagePayload) => {
      if (!inboxStore.applyMessage(message)) void fetchConversation(message.conversationId);
    };
    const onUpdated = (update: ConversationUpdatedPayload) => {
      if (!inboxStore.applyUpdate(update)) void fetchConversation(update.conversationId);
    };
    const onStuck = (event: BotNotEnoughDataEvent) => {
      if (!inboxStore.applyNotEnoughData(event)) void fetchConversation(event.conversationId);
    };
    // Ticket, handoff and SLA events: whatever they are, the conversation they name is fetched
    // again, so its mode and assignee stay right.
    const onAny = (event: string, payload: unknown) => {
      if (!/^(ticket|handoff|sla)\./.test(event) || !payload) return;
      const p = payload as { conversationId?: string; ticket?: { conversationId?: string } };
      const id = p.conversationId ?? p.ticket?.conversationId;
      if (id) void fetchConversation(id);
    };
    socket.on(ServerEvents.MessageCreated, onMessage);
    socket.on(ServerEvents.MessageCompleted, onMessage);
    socket.on(ServerEvents.ConversationUpdated, onUpdated);
    socket.on(ServerEvents.BotNotEnoughData, onStuck);
    socket.onAny(onAny);
    return () => {
      socket.off(ServerEvents.MessageCreated, onMessage);
      socket.off(ServerEvents.MessageCompleted, onMessage);
      socket.off(ServerEvents.ConversationUpdated, onUpdated);
      socket.off(ServerEvents.BotNotEnoughData, onStuck);
      socket.offAny(onAny);
    };
  }, []);
}

export const useInboxVersion = () =>
  useSyncExternalStore(inboxStore.subscribe, inboxStore.getVersion);
