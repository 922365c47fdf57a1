import type { TracedJobData } from './tracing';
import type { Availability, ChannelType, TicketPriority } from './domain';
import type { AnswerOutcome } from './conversation-pipeline';
import type { AssignmentMode, HandoffReason, SlaTarget } from './handoff';

/**
 * Analytics facts: what happened, once each, for ClickHouse (`analytics_facts`, written by
 * gateway-api, the analytics owner). Any service publishes them on `analytics.events` through
 * `AnalyticsPublisher` (libs/analytics). A fact names the ids it concerns; the writer adds the
 * names (bot, agent, customer) and the workspace's local time when it stores it.
 */
export const ANALYTICS_FACT_TYPES = [
  /** A customer message accepted by the intake (any channel). */
  'message.received',
  /** An agent's message to the customer. */
  'message.sent',
  /** The bot replied (grounded, generated anyway, or the fallback). */
  'message.answered',
  /** The bot stayed silent (NO_REPLY without enough information). */
  'message.unanswered',
  /** A conversation moved to a human (the ticket opened or reused). */
  'handoff.requested',
  'ticket.assigned',
  /** An agent's first reply on a ticket. */
  'ticket.first_response',
  /** A ticket solved or closed. */
  'ticket.resolved',
  'sla.breached',
  'csat.submitted',
  /** An agent's availability changed (`member_availability_logs`). */
  'agent.availability',
  'llm.usage',
  'embedding.usage',
  /** A knowledge source finished ingesting (or failed). */
  'ingestion.completed',
] as const;
export type AnalyticsFactType = (typeof ANALYTICS_FACT_TYPES)[number];

/** What every fact carries. Ids a fact does not concern are left out. */
export interface AnalyticsFactBase {
  /**
   * Unique per type and stable across retries (a message id, a rating id, or a uuid made once when
   * the fact is built): the writer stores a fact once however often it is delivered.
   */
  id: string;
  workspaceId: string;
  /** ISO 8601. */
  occurredAt: string;
  /** The trace the fact happened in. */
  traceId?: string;
  conversationId?: string | null;
  messageId?: string | null;
  botId?: string | null;
  channelType?: ChannelType | null;
  customerId?: string | null;
  /** The agent (user id) the fact is about. */
  agentId?: string | null;
  ticketId?: string | null;
}

/** A sentiment in [-1, 1], and who judged it. */
export type SentimentSource = 'lexicon' | 'llm';

export interface MessageReceivedFact extends AnalyticsFactBase {
  type: 'message.received';
  /** The text, for the sentiment judgement (not stored beyond it). */
  text: string;
}

export interface MessageSentFact extends AnalyticsFactBase {
  type: 'message.sent';
  chars: number;
}

export interface MessageAnsweredFact extends AnalyticsFactBase {
  type: 'message.answered';
  /** The customer message answered. */
  replyToMessageId: string;
  outcome: Exclude<AnswerOutcome, 'silent'>;
  haveEnoughInformation: boolean;
  provider: string;
  model: string;
  /** How long the question waited for the bot, in ms. */
  waitedMs: number;
  chars: number;
  /** The question, when the bot had not enough information (the "top unanswered" report). */
  question?: string | null;
}

export interface MessageUnansweredFact extends AnalyticsFactBase {
  type: 'message.unanswered';
  provider: string;
  model: string;
  waitedMs: number;
  question: string;
}

export interface HandoffRequestedFact extends AnalyticsFactBase {
  type: 'handoff.requested';
  reason: HandoffReason;
  /** False when the conversation's open ticket was reused. */
  ticketOpened: boolean;
}

export interface TicketAssignedFact extends AnalyticsFactBase {
  type: 'ticket.assigned';
  mode: AssignmentMode;
  previousAgentId: string | null;
}

export interface TicketFirstResponseFact extends AnalyticsFactBase {
  type: 'ticket.first_response';
  priority: TicketPriority;
  /** From the ticket's opening to the reply, pauses excluded where known. */
  seconds: number;
  /** Whether the reply came before the first-response target. */
  withinTarget: boolean;
}

export interface TicketResolvedFact extends AnalyticsFactBase {
  type: 'ticket.resolved';
  status: 'solved' | 'closed';
  priority: TicketPriority;
  /** From the ticket's opening to its resolution. */
  seconds: number;
  withinTarget: boolean;
}

export interface SlaBreachedFact extends AnalyticsFactBase {
  type: 'sla.breached';
  target: SlaTarget;
  priority: TicketPriority;
}

export interface CsatSubmittedFact extends AnalyticsFactBase {
  type: 'csat.submitted';
  rating: number;
}

export interface AgentAvailabilityFact extends AnalyticsFactBase {
  type: 'agent.availability';
  availability: Availability;
  previous: Availability;
  /** When the previous availability began (ISO): the interval the fact closes. */
  previousSince: string | null;
}

export type LlmUsagePurpose = 'answer' | 'sentiment';

export interface LlmUsageFact extends AnalyticsFactBase {
  type: 'llm.usage';
  provider: string;
  model: string;
  purpose: LlmUsagePurpose;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
}

export type EmbeddingUsagePurpose = 'question' | 'ingestion' | 'knowledge';

export interface EmbeddingUsageFact extends AnalyticsFactBase {
  type: 'embedding.usage';
  provider: string;
  model: string;
  purpose: EmbeddingUsagePurpose;
  /** Texts embedded (cache hits are not usage). */
  texts: number;
  tokens: number;
  latencyMs: number;
}

export interface IngestionCompletedFact extends AnalyticsFactBase {
  type: 'ingestion.completed';
  sourceId: string;
  sourceType: string;
  succeeded: boolean;
  pages: number;
  chunks: number;
  seconds: number;
}

export type AnalyticsFact =
  | MessageReceivedFact
  | MessageSentFact
  | MessageAnsweredFact
  | MessageUnansweredFact
  | HandoffRequestedFact
  | TicketAssignedFact
  | TicketFirstResponseFact
  | TicketResolvedFact
  | SlaBreachedFact
  | CsatSubmittedFact
  | AgentAvailabilityFact
  | LlmUsageFact
  | EmbeddingUsageFact
  | IngestionCompletedFact;

/** A fact of one type, e.g. `FactOf<'llm.usage'>`. */
export type FactOf<T extends AnalyticsFactType> = Extract<AnalyticsFact, { type: T }>;

/**
 * A fact of the time before typed facts (ADR 0012): its measures in `data`. Jobs still queued
 * from then are written by mapping them onto typed facts.
 */
export interface LegacyAnalyticsEvent extends TracedJobData {
  type: 'message.received' | 'message.answered' | 'message.unanswered' | 'csat.submitted';
  workspaceId: string;
  occurredAt: string;
  conversationId: string;
  messageId: string;
  data: Record<string, string | number | boolean | null>;
}

/**
 * `analytics.events`: the facts one process gathered in a moment, written to ClickHouse together
 * (a job per fact would cost Redis and the worker a round trip each). The batch has a trace of its
 * own; each fact keeps the trace it happened in.
 */
export interface AnalyticsEventsJobData extends TracedJobData {
  events: (AnalyticsFact | LegacyAnalyticsEvent)[];
}

/** A typed fact, as opposed to a legacy one (which has `data` and no `id`). */
export const isTypedFact = (fact: AnalyticsFact | LegacyAnalyticsEvent): fact is AnalyticsFact =>
  'id' in fact && typeof fact.id === 'string';
