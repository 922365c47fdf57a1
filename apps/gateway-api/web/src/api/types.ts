/*
 * Shapes of the routes whose responses the OpenAPI document does not describe yet (the
 * conversations and tickets controllers declare no response types); everything else comes from
 * ./schema.d.ts. Socket payloads come from libs/contracts, where they are declared once.
 */
import type { EmailMessageView } from '@cxgenie/contracts';
import type {
  ChannelType,
  ConversationStatus,
  KnowledgeCitation,
  AnswerOutcome,
  Answerability,
  MessageDirection,
  MessageStatus,
  SenderType,
  TicketPayload,
  TicketPriority,
  TicketStatus,
} from '@cxgenie/contracts';
import type { components } from './schema';

export type Schemas = components['schemas'];
export type Bot = Schemas['BotResponse'];
export type Member = Schemas['MemberResponse'];
export type Source = Schemas['SourceResponse'];
export type Channel = Schemas['ChannelResponse'];
export type ChannelTypeInfo = Schemas['ChannelTypeResponse'];
export type Customer = Schemas['CustomerResponse'];
export type Workspace = Schemas['WorkspaceResponse'];
export type Page<T> = { items: T[]; nextCursor: string | null };

export interface LastMessage {
  id: string;
  seq: number;
  text: string;
  senderType: SenderType;
  direction: MessageDirection;
  status: MessageStatus;
  createdAt: string;
}

/** A row of GET /api/v1/conversations (and GET /conversations/:id). */
export interface Conversation {
  id: string;
  status: ConversationStatus;
  botId: string;
  channel: { id: string; type: ChannelType };
  assigneeId: string | null;
  subject: string | null;
  lastMessageSeq: number;
  lastMessageAt: string;
  createdAt: string;
  closedAt: string | null;
  customer: { id: string; name: string | null; email: string | null; avatarUrl: string | null };
  lastMessage: LastMessage | null;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  direction: MessageDirection;
  senderType: SenderType;
  senderId?: string | null;
  text: string;
  status: MessageStatus;
  error?: string | null;
  /** The mail a received message came from (email channels); absent on live socket payloads. */
  email?: EmailMessageView | null;
  attachments?: { type: string; url: string; name?: string; sizeBytes?: number }[];
  createdAt: string;
}

export interface BotAnswer {
  messageId: string;
  seq: number;
  replyToMessageId: string | null;
  outcome: AnswerOutcome | null;
  haveEnoughInformation: boolean | null;
  citations: KnowledgeCitation[];
  /** Why the bot answered or handed off (absent on answers older than it). */
  answerability?: Answerability | null;
}

export interface ConversationContext {
  conversation: Conversation;
  botAnswers: BotAnswer[];
  ticket: {
    id: string;
    status: TicketStatus;
    priority: TicketPriority;
    assigneeId: string | null;
    context: Partial<TicketPayload['context']>;
    createdAt: string;
  } | null;
  csat: {
    rating: number;
    comment: string | null;
    agentId: string | null;
    createdAt: string;
  } | null;
}

export type Ticket = TicketPayload;

export interface TicketHistoryEntry {
  id: string;
  type: string;
  actorType: 'agent' | 'bot' | 'system' | 'customer';
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface TicketNote {
  id: string;
  ticketId: string;
  authorId: string | null;
  text: string;
  createdAt: string;
}

export interface SlaPolicy {
  priority: TicketPriority;
  firstResponseSeconds: number;
  resolutionSeconds: number;
  isDefault: boolean;
}
