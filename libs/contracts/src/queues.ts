import type { ServiceName } from './services';

/**
 * Bull queue names, declared once. Producers and consumers import these; no app spells a queue
 * name itself.
 */
export const QueueNames = {
  ConversationInbound: 'conversation.inbound',
  ChannelOutbound: 'channel.outbound',
  /** `ChannelOutboundJobData` for email channels: mail to send (email app). */
  EmailOutbound: 'email.outbound',
  /** Mail the email app accepted and spooled (raw bytes in storage), read and threaded later. */
  EmailInbound: 'email.inbound',
  AnalyticsEvents: 'analytics.events',
  LoaderIngest: 'loader.ingest',
  KnowledgeIndex: 'knowledge.index',
  /** `KnowledgePurgeJobData`: a bot was deleted; core-ai removes its knowledge from the index. */
  KnowledgePurge: 'knowledge.purge',
  /** `BotNotEnoughDataEvent`s for the handoff work (ticket app). */
  BotNotEnoughData: 'bot.not-enough-data',
  /**
   * `AttemptedAnswerJobData`: an attempt owed to the agents since a handoff decided first, checked
   * (and written again if it never arrived) after a delay by gateway-api (ADR 0058).
   */
  AttemptedAnswers: 'bot.attempted-answer',
  /** `HandoffRequestJobData`: move a conversation to a human (ticket app). */
  HandoffRequests: 'handoff.requests',
  /** `AgentPresenceJobData`: an agent's presence facts changed (gateway-api → ticket app). */
  AgentPresence: 'agent.presence',
  /** `TicketAssignmentJobData`: room may have been made for waiting tickets (ticket app). */
  TicketAssignment: 'ticket.assignment',
  /** gateway-api's repeatable job: re-queue customer messages persisted but never queued. */
  ConversationSweep: 'conversation.sweep',
  /** The ticket app's repeatable jobs: SLA checks and the presence sweep. */
  TicketScheduler: 'ticket.scheduler',
  /** core-ai's repeatable job: compaction and index refresh of the vector store. */
  VectorStoreMaintenance: 'vector-store.maintenance',
} as const;

export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];

/** The queues a committed outbound message may be handed to for delivery (see `CHANNEL_TRAITS`). */
export type DeliveryQueueName = typeof QueueNames.ChannelOutbound | typeof QueueNames.EmailOutbound;

/**
 * Each worker service consumes its own heartbeat queue; gateway-api's system check puts a job on
 * it and waits, which proves the service's workers are consuming, not just that its HTTP is up.
 */
export const heartbeatQueueName = (service: ServiceName): string => `ops.heartbeat.${service}`;
