import { Injectable } from '@nestjs/common';
import {
  type MessageChunkPayload,
  type MessagePayload,
  ServerEvents,
  type TypingPayload,
  conversationRoom,
} from '@cxgenie/contracts';
import { ConversationEvents } from './conversation-events';
import { CustomerNamespace } from './customer-namespace';

/** Emits to the conversation's room through the Redis adapter: every instance, every client. */
@Injectable()
export class SocketConversationEvents extends ConversationEvents {
  constructor(private readonly customers: CustomerNamespace) {
    super();
  }

  messageCreated(_workspaceId: string, message: MessagePayload): void {
    this.emit(message.conversationId, ServerEvents.MessageCreated, message);
  }

  messageChunk(_workspaceId: string, chunk: MessageChunkPayload): void {
    this.emit(chunk.conversationId, ServerEvents.MessageChunk, chunk);
  }

  messageCompleted(_workspaceId: string, message: MessagePayload): void {
    this.emit(message.conversationId, ServerEvents.MessageCompleted, message);
  }

  typing(_workspaceId: string, typing: TypingPayload): void {
    this.emit(typing.conversationId, ServerEvents.Typing, typing);
  }

  private emit(conversationId: string, event: string, payload: object): void {
    // Before the socket server is up (boot) there is nobody to tell.
    this.customers.server?.to(conversationRoom(conversationId)).emit(event, payload);
  }
}
