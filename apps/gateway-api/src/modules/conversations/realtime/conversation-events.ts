import type {
  BotNotEnoughDataEvent,
  MessageChunkPayload,
  MessageDiscardedPayload,
  MessagePayload,
  TypingPayload,
} from '@cxgenie/contracts';

/**
 * Where the pipeline announces what happens in a conversation. The Socket.IO implementation
 * reaches every client of the conversation on every gateway instance.
 */
export abstract class ConversationEvents {
  abstract messageCreated(workspaceId: string, message: MessagePayload): void;
  /** The customer's side only (agents get the completed message). */
  abstract messageChunk(chunk: MessageChunkPayload): void;
  abstract messageCompleted(workspaceId: string, message: MessagePayload): void;
  /** The customer's side only: chunks it was sent belong to an answer that will not complete. */
  abstract messageDiscarded(discarded: MessageDiscardedPayload): void;
  abstract typing(workspaceId: string, typing: TypingPayload): void;
  /** Agents only: customers never learn that the bot was unsure. */
  abstract botNotEnoughData(event: BotNotEnoughDataEvent): void;
}
