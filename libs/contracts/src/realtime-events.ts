import type {
  AgentPresenceEvent,
  HandoffCreatedEvent,
  SlaBreachedEvent,
  TicketAssignedEvent,
  TicketUpdatedEvent,
} from './handoff';
import type { FlagChangedPayload } from './flags';
import type { KnowledgeSourceProgressEvent } from './knowledge-ingest';
import type { BotNotEnoughDataEvent } from './knowledge';
import type {
  AccessRevokedPayload,
  ConversationUpdatedPayload,
  CsatRequestedPayload,
  CsatSubmittedPayload,
  MessageChunkPayload,
  MessageDiscardedPayload,
  MessagePayload,
  MessageStatusPayload,
  ServerEvents,
  SocketErrorPayload,
  TypingPayload,
} from './realtime';

/**
 * What each server event carries, declared once: every broadcaster and every client types its
 * emits and handlers against this map, so a payload cannot drift between sender and receiver.
 */
export interface ServerEventPayloads {
  [ServerEvents.MessageCreated]: MessagePayload;
  [ServerEvents.MessageChunk]: MessageChunkPayload;
  [ServerEvents.MessageCompleted]: MessagePayload;
  [ServerEvents.MessageDiscarded]: MessageDiscardedPayload;
  [ServerEvents.MessageStatus]: MessageStatusPayload;
  [ServerEvents.Typing]: TypingPayload;
  [ServerEvents.BotNotEnoughData]: BotNotEnoughDataEvent;
  [ServerEvents.KnowledgeSourceProgress]: KnowledgeSourceProgressEvent;
  [ServerEvents.HandoffCreated]: HandoffCreatedEvent;
  [ServerEvents.TicketAssigned]: TicketAssignedEvent;
  [ServerEvents.TicketUpdated]: TicketUpdatedEvent;
  [ServerEvents.AgentPresence]: AgentPresenceEvent;
  [ServerEvents.SlaBreached]: SlaBreachedEvent;
  [ServerEvents.ConversationUpdated]: ConversationUpdatedPayload;
  [ServerEvents.CsatRequested]: CsatRequestedPayload;
  [ServerEvents.CsatSubmitted]: CsatSubmittedPayload;
  [ServerEvents.AccessRevoked]: AccessRevokedPayload;
  [ServerEvents.FlagChanged]: FlagChangedPayload;
  [ServerEvents.Error]: SocketErrorPayload;
}

export type ServerEvent = keyof ServerEventPayloads;
