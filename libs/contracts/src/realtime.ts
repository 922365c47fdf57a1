import type {
  Attachment,
  ConversationStatus,
  MessageDirection,
  MessageStatus,
  SenderType,
} from './domain';

/** Socket.IO namespaces of gateway-api. */
export const SocketNamespaces = { Customer: '/customer', Agent: '/agent' } as const;

export const conversationRoom = (conversationId: string): string =>
  `conversation:${conversationId}`;
export const workspaceRoom = (workspaceId: string): string => `workspace:${workspaceId}`;
/**
 * Every widget socket of one visitor on one channel (tabs, devices), conversation or not: when the
 * visitor's conversation is created or reopened, all of them join its room.
 */
export const visitorRoom = (channelId: string, customerId: string): string =>
  `visitor:${channelId}:${customerId}`;

/** Events the server emits. */
export const ServerEvents = {
  MessageCreated: 'message.created',
  MessageChunk: 'message.chunk',
  MessageCompleted: 'message.completed',
  /**
   * Customers only: a streamed answer was abandoned before completing (an agent took the
   * conversation over, or the worker lost it); drop its chunks (payload: MessageDiscardedPayload).
   */
  MessageDiscarded: 'message.discarded',
  /** A delivery update of an outbound message on a platform channel (payload: MessageStatusPayload). */
  MessageStatus: 'message.status',
  Typing: 'typing',
  /** Agents only: the bot could not answer from its knowledge (payload: BotNotEnoughDataEvent). */
  BotNotEnoughData: 'bot.not_enough_data',
  /** Agents only: a knowledge source's processing progress (payload: KnowledgeSourceProgressEvent). */
  KnowledgeSourceProgress: 'knowledge.source.progress',
  /** Agents only: a conversation went to a human, with its ticket (payload: HandoffCreatedEvent). */
  HandoffCreated: 'handoff.created',
  /** Agents only: a ticket's assignee changed (payload: TicketAssignedEvent). */
  TicketAssigned: 'ticket.assigned',
  /** Agents only: a ticket's status, priority, tags or subject changed (payload: TicketUpdatedEvent). */
  TicketUpdated: 'ticket.updated',
  /** Agents only: a member's availability changed (payload: AgentPresenceEvent). */
  AgentPresence: 'agent.presence',
  /** Agents only: a ticket crossed an SLA target (payload: SlaBreachedEvent). */
  SlaBreached: 'sla.breached',
  /** Agents only: a conversation's mode, assignee or closing changed (payload: ConversationUpdatedPayload). */
  ConversationUpdated: 'conversation.updated',
  /** Customers only: the conversation was closed; ask for a 1–5 rating (payload: CsatRequestedPayload). */
  CsatRequested: 'csat.requested',
  /** Agents only: a customer rated a closed conversation (payload: CsatSubmittedPayload). */
  CsatSubmitted: 'csat.submitted',
  /**
   * Agents only: this socket's access ended (payload: AccessRevokedPayload) and the server is
   * disconnecting it. `role_changed` and `expired`: refresh the token and reconnect; otherwise
   * sign out.
   */
  AccessRevoked: 'access.revoked',
  /**
   * Agents only: a feature flag now evaluates differently for a context of the workspace (the
   * member's own, or one of its bots'); payload: FlagChangedPayload (libs/contracts/src/flags.ts).
   */
  FlagChanged: 'flag.changed',
  Error: 'error',
} as const;

/** Events a client sends. */
export const ClientEvents = {
  SendMessage: 'message.send',
  Resume: 'conversation.resume',
  /** Widget: rate the closed conversation (payload: CsatSubmitPayload, acked). */
  SubmitCsat: 'csat.submit',
  /** Both namespaces: the sender is typing (or stopped); acked. Payload: ClientTypingPayload. */
  Typing: 'typing.set',
} as const;

/**
 * A customer's typing is about their own conversation (no id needed); an agent names the
 * conversation. Delivered as `ServerEvents.Typing` to the other side.
 */
export interface ClientTypingPayload {
  conversationId?: string;
  typing: boolean;
}

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

/** The streamed answer `messageId` will never complete; another answer to the message may follow. */
export interface MessageDiscardedPayload {
  conversationId: string;
  messageId: string;
  replyToMessageId: string;
}

/** Sent, delivered, read or failed on the customer's platform; `reason` says why it failed. */
export interface MessageStatusPayload {
  conversationId: string;
  messageId: string;
  status: MessageStatus;
  reason: string | null;
  at: string;
}

export interface TypingPayload {
  conversationId: string;
  senderType: SenderType;
  typing: boolean;
}

/** What an agent (or the system) did to a conversation. */
export const CONVERSATION_CHANGES = [
  'taken_over',
  'handed_back',
  'closed',
  'reopened',
  'assigned',
] as const;
export type ConversationChange = (typeof CONVERSATION_CHANGES)[number];

export interface ConversationUpdatedPayload {
  conversationId: string;
  change: ConversationChange;
  status: ConversationStatus;
  assigneeId: string | null;
  closedAt: string | null;
  /** The member who made the change; null for an API key or the system. */
  actorId: string | null;
  at: string;
}

export const CSAT_MIN_RATING = 1;
export const CSAT_MAX_RATING = 5;

export interface CsatRequestedPayload {
  conversationId: string;
  /** The persisted question (a system message of the conversation). */
  messageId: string;
  question: string;
  minRating: number;
  maxRating: number;
}

export interface CsatSubmitPayload {
  conversationId: string;
  rating: number;
  comment?: string;
}

export interface CsatSubmittedPayload {
  conversationId: string;
  rating: number;
  comment: string | null;
  agentId: string | null;
  botId: string | null;
  at: string;
}

export const ACCESS_REVOKED_REASONS = ['removed', 'role_changed', 'logged_out', 'expired'] as const;
export type AccessRevokedReason = (typeof ACCESS_REVOKED_REASONS)[number];

export interface AccessRevokedPayload {
  reason: AccessRevokedReason;
}

export interface SocketErrorPayload {
  code:
    | 'invalid_payload'
    | 'too_large'
    | 'unauthorized'
    | 'not_found'
    | 'conflict'
    | 'rate_limited'
    | 'internal';
  message: string;
  field?: string;
  /** With `rate_limited`: when to try again. */
  retryAfterMs?: number;
}
