import type { Attachment, MessageDirection, MessageStatus, SenderType } from './domain';

/** Socket.IO namespaces of gateway-api. */
export const SocketNamespaces = { Customer: '/customer', Agent: '/agent' } as const;

export const conversationRoom = (conversationId: string): string =>
  `conversation:${conversationId}`;
export const workspaceRoom = (workspaceId: string): string => `workspace:${workspaceId}`;

/** Events the server emits. */
export const ServerEvents = {
  MessageCreated: 'message.created',
  MessageChunk: 'message.chunk',
  MessageCompleted: 'message.completed',
  Typing: 'typing',
  /** Agents only: the bot could not answer from its knowledge (payload: BotNotEnoughDataEvent). */
  BotNotEnoughData: 'bot.not_enough_data',
  /** Agents only: a knowledge source's processing progress (payload: KnowledgeSourceProgressEvent). */
  KnowledgeSourceProgress: 'knowledge.source.progress',
  Error: 'error',
} as const;

/** Events a client sends. */
export const ClientEvents = { SendMessage: 'message.send', Resume: 'conversation.resume' } as const;

export interface MessagePayload {
  id: string;
  conversationId: string;
  seq: number;
  direction: MessageDirection;
  senderType: SenderType;
  text: string;
  attachments: Attachment[];
  status: MessageStatus;
  replyToMessageId: string | null;
  createdAt: string;
}

/** A piece of a bot answer while it streams; clients assemble by (messageId, chunkIndex). */
export interface MessageChunkPayload {
  conversationId: string;
  /** The id the finished message will have. */
  messageId: string;
  replyToMessageId: string;
  chunkIndex: number;
  text: string;
}

export interface TypingPayload {
  conversationId: string;
  senderType: SenderType;
  typing: boolean;
}

export interface SocketErrorPayload {
  code: 'invalid_payload' | 'too_large' | 'unauthorized' | 'not_found' | 'internal';
  message: string;
  field?: string;
}
