import { Injectable } from '@nestjs/common';
import {
  type BotNotEnoughDataEvent,
  type MessageChunkPayload,
  type MessageDiscardedPayload,
  type MessagePayload,
  ServerEvents,
  type TypingPayload,
  conversationRoom,
  workspaceRoom,
} from '@cxgenie/contracts';
import { ConversationEvents } from './conversation-events';
import { AgentNamespace } from './agent-namespace';
import { CustomerNamespace } from './customer-namespace';

/** Emits to the conversation's room through the Redis adapter: every instance, every client. */
@Injectable()
export class SocketConversationEvents extends ConversationEvents {
  constructor(
    private readonly customers: CustomerNamespace,
    private readonly agents: AgentNamespace,
  ) {
    super();
  }

  messageCreated(workspaceId: string, message: MessagePayload): void {
    this.emit(workspaceId, message.conversationId, ServerEvents.MessageCreated, message);
  }

  /**
   * To the customer only: agents see the bot's answer when it is complete. Streaming every chunk
   * of every conversation to every agent of the workspace would multiply the socket traffic by
   * the number of agents for nothing the console shows.
   */
  messageChunk(chunk: MessageChunkPayload): void {
    this.customers.server
      ?.to(conversationRoom(chunk.conversationId))
      .emit(ServerEvents.MessageChunk, chunk);
  }

  /** Where the chunks went: agents never saw them. */
  messageDiscarded(discarded: MessageDiscardedPayload): void {
    this.customers.server
      ?.to(conversationRoom(discarded.conversationId))
      .emit(ServerEvents.MessageDiscarded, discarded);
  }

  messageCompleted(workspaceId: string, message: MessagePayload): void {
    this.emit(workspaceId, message.conversationId, ServerEvents.MessageCompleted, message);
  }

  typing(workspaceId: string, typing: TypingPayload): void {
    this.emit(workspaceId, typing.conversationId, ServerEvents.Typing, typing);
  }

  botNotEnoughData(event: BotNotEnoughDataEvent): void {
    this.agents.server
      ?.to(workspaceRoom(event.workspaceId))
      .emit(ServerEvents.BotNotEnoughData, event);
  }

  /** To the conversation's customers, and to every agent of the workspace. */
  private emit(workspaceId: string, conversationId: string, event: string, payload: object): void {
    // Before the socket server is up (boot) there is nobody to tell.
    this.customers.server?.to(conversationRoom(conversationId)).emit(event, payload);
    this.agents.server?.to(workspaceRoom(workspaceId)).emit(event, payload);
  }
}
