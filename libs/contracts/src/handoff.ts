import type { TracedJobData } from './tracing';
import type {
  Availability,
  ChannelType,
  ReplyUnknownPolicy,
  SenderType,
  TicketPriority,
  TicketStatus,
} from './domain';
import type { Answerability } from './conversation-pipeline';
import type { KnowledgeCitation } from './knowledge';

/*
 * Human handoff, tickets, assignment, agent availability and SLA: what the ticket app, gateway-api
 * (REST, agent sockets, the conversation pipeline) and the agent console agree on.
 */

/** Why a conversation went to a human. */
export const HANDOFF_REASONS = [
  'customer_request',
  'bot_not_enough_data',
  'agent_takeover',
  'delivery_failed',
  /** The bot's kill switch (feature flag `bot-kill-switch`) sent a new conversation to the agents. */
  'bot_paused',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/**
 * `handoff.requests` (consumed by the ticket app): move a conversation to human mode and open (or
 * reuse) its ticket. Idempotent: the same request processed twice changes nothing the second time.
 *
 * Who queues it: the pipeline (`customer_request`, when a customer message matches one of the
 * bot's handoff phrases; it has already set the conversation to 'human' itself so no later queued
 * message is answered by the bot; `bot_paused` likewise, for a new conversation while the bot's
 * kill switch flag is on), the channel delivery path (`delivery_failed`, with the failed
 * outbound message), the agent console (`agent_takeover`, with `agentUserId`: the ticket is
 * assigned to that agent). `bot.not-enough-data` events are turned into `bot_not_enough_data`
 * requests by the ticket app itself.
 *
 * The loop rule (a closed or handed-back conversation never flips back to human on an old
 * trigger): a request naming a `messageId` is dropped when the conversation is closed, or when
 * that message is not newer than the conversation's last return to the bot: its `closed_at`, the
 * `solved_at`/`closed_at` of any of its tickets, or a `conversation.handed_back` ticket event.
 * `agent_takeover` is an explicit human decision and is always honoured.
 */
export interface HandoffRequestJobData extends TracedJobData {
  workspaceId: string;
  conversationId: string;
  reason: HandoffReason;
  /** The customer message (for `delivery_failed`: the outbound message) that caused it. */
  messageId: string | null;
  /** `agent_takeover`: the user taking over; the ticket is assigned to them. */
  agentUserId?: string | null;
  /** What the customer asked, when known (the trigger message's text otherwise). */
  question?: string | null;
  attemptedAnswer?: string | null;
  policy?: ReplyUnknownPolicy | null;
  sources?: KnowledgeCitation[];
  /** `bot_not_enough_data`: why the bot did not answer (score, threshold, evidence). */
  answerability?: Answerability | null;
  /** Free text for the agents, e.g. why a delivery failed. */
  note?: string | null;
  requestedAt: string;
}

/** One line of the transcript carried in a ticket's context (oldest first). */
export interface TranscriptEntry {
  id: string;
  seq: number;
  senderType: SenderType;
  text: string;
  createdAt: string;
}

/** Everything an agent needs to take over without asking the customer to repeat themselves. */
export interface TicketContext {
  reason: HandoffReason;
  conversationId: string;
  botId: string;
  customer: {
    id: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    locale: string | null;
  };
  channel: { id: string; type: ChannelType; name: string };
  triggerMessageId: string | null;
  /** The question that stumped the bot (or the customer's request for a human). */
  question: string | null;
  /** The bot's own answer it did not trust (what the customer did not see under NO_REPLY). */
  attemptedAnswer: string | null;
  policy: ReplyUnknownPolicy | null;
  sources: KnowledgeCitation[];
  /**
   * Why the bot did not answer, kept with the ticket so an agent who opens it later sees what one
   * watching live saw (absent on tickets older than it, and on handoffs the bot did not decide).
   */
  answerability?: Answerability | null;
  /** The last messages of the conversation, up to `HANDOFF_TRANSCRIPT_MESSAGES`. */
  transcript: TranscriptEntry[];
  note: string | null;
  /** The conversation's earlier ticket, when this one was opened after that one was finished. */
  previousTicketId: string | null;
  handedOffAt: string;
}

export const HANDOFF_TRANSCRIPT_MESSAGES = 20;

/**
 * Where a target stands: no target set, still running, stopped while the ticket is pending (it
 * waits on the customer), met in time, or crossed.
 */
export type SlaState = 'none' | 'running' | 'paused' | 'met' | 'breached';

/** A ticket's SLA clocks: running while open, paused while pending, stopped once finished. */
export type SlaClock = 'running' | 'paused' | 'stopped';

export interface SlaTargetView {
  dueAt: string | null;
  /** When the target was reached (first agent reply; ticket solved), if it was. */
  achievedAt: string | null;
  breachedAt: string | null;
  state: SlaState;
}

export const SLA_TARGETS = ['first_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** A ticket as the REST API and the socket events show it. */
export interface TicketPayload {
  id: string;
  conversationId: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  tags: string[];
  context: TicketContext;
  sla: { firstResponse: SlaTargetView; resolution: SlaTargetView };
  solvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * `ticket_events.type`. Every change of a ticket is one row; notes are rows too (internal, never
 * shown to the customer). Writers outside the ticket app (the agent console's actions) use these
 * names: `ticket.first_response` when an agent first replies (and set `tickets.first_responded_at`
 * if it is null; the SLA job also derives it from the first agent message), and
 * `conversation.handed_back` when an agent gives the conversation back to the bot (that time
 * fences stale handoff requests, see HandoffRequestJobData).
 *
 * A ticket's status is its own: closing or handing back a conversation does not change it by
 * itself. Until it is solved or closed (PATCH /api/v1/tickets/:id, or by the action that ends the
 * conversation, recording `ticket.status_changed` and queueing a `TicketAssignmentJobData`), an
 * open or pending ticket holds its assignee's capacity and runs its SLA clocks.
 */
export const TICKET_EVENT_TYPES = [
  'ticket.opened',
  'handoff.requested',
  'conversation.human',
  'conversation.handed_back',
  'ticket.assigned',
  'ticket.unassigned',
  'ticket.status_changed',
  'ticket.priority_changed',
  'ticket.tags_changed',
  'ticket.subject_changed',
  'ticket.note_added',
  'ticket.first_response',
  'sla.first_response_breached',
  'sla.resolution_breached',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export const slaBreachEventType = (target: SlaTarget): TicketEventType =>
  target === 'first_response' ? 'sla.first_response_breached' : 'sla.resolution_breached';

/** How an assignment came about. */
export type AssignmentMode = 'auto' | 'manual' | 'claim' | 'takeover';

/** Per-agent room of the agent namespace, so one agent's events never reach another workspace. */
export const agentRoom = (workspaceId: string, userId: string): string =>
  `agent:${workspaceId}:${userId}`;

/** The sockets of one sign-in (one refresh-token family), so logging out ends only those. */
export const agentSessionRoom = (workspaceId: string, sessionId: string): string =>
  `agent-session:${workspaceId}:${sessionId}`;

/** Payload of `handoff.created`, to the workspace's agents and the assignee. */
export interface HandoffCreatedEvent {
  workspaceId: string;
  reason: HandoffReason;
  ticket: TicketPayload;
  /** False when the conversation's open ticket was reused. */
  ticketOpened: boolean;
  occurredAt: string;
}

/** Payload of `ticket.assigned` (assigneeId null: unassigned). */
export interface TicketAssignedEvent {
  workspaceId: string;
  ticketId: string;
  conversationId: string;
  assigneeId: string | null;
  previousAssigneeId: string | null;
  mode: AssignmentMode;
  actorId: string | null;
  occurredAt: string;
}

/** Payload of `ticket.updated`: the ticket after the change and the fields that changed. */
export interface TicketUpdatedEvent {
  workspaceId: string;
  ticket: TicketPayload;
  changed: ('status' | 'priority' | 'tags' | 'subject')[];
  actorId: string | null;
  occurredAt: string;
}

/** Where an availability change came from. */
export const AVAILABILITY_SOURCES = ['socket', 'status', 'activity', 'idle', 'sweep'] as const;
export type AvailabilitySource = (typeof AVAILABILITY_SOURCES)[number];

/** Payload of `agent.presence`; one `member_availability_logs` row is written per change. */
export interface AgentPresenceEvent {
  workspaceId: string;
  userId: string;
  memberId: string;
  availability: Availability;
  previous: Availability;
  source: AvailabilitySource;
  at: string;
}

/** Payload of `sla.breached`, emitted once per ticket and target. */
export interface SlaBreachedEvent {
  workspaceId: string;
  ticketId: string;
  conversationId: string;
  target: SlaTarget;
  priority: TicketPriority;
  assigneeId: string | null;
  dueAt: string;
  breachedAt: string;
}

/** What an agent's socket may send about its own presence. */
export const AgentClientEvents = {
  /** `{ status: 'online' | 'idle' | 'offline' }`, acked `{ ok }`: the agent's chosen status. */
  SetStatus: 'agent.status',
  /** No payload: the agent did something (typing, clicking); ends automatic idleness. */
  Activity: 'agent.activity',
} as const;

/** A status an agent chooses; effective availability is also offline without any socket. */
export type AgentChosenStatus = Availability;

/**
 * `agent.presence` queue: gateway-api tells the ticket app that an agent's presence facts changed
 * (kept in Redis under `agentPresenceKeys`); the ticket app recomputes the availability.
 */
export interface AgentPresenceJobData extends TracedJobData {
  workspaceId: string;
  userId: string;
  source: Exclude<AvailabilitySource, 'idle' | 'sweep'>;
}

/**
 * Presence facts in Redis, written by gateway-api, read by the ticket app, under the deployment's
 * QUEUE_PREFIX (environments sharing a Redis keep apart):
 * `sockets`: sorted set of the agent's socket ids scored by last sign of life (epoch ms);
 * `state`: hash with `status` (the chosen status; online when absent), `activityAt` (epoch ms)
 * and `effective` (the availability the ticket app last computed);
 * `tracked`: set of `<workspaceId>:<userId>` with presence facts, which the sweep revisits.
 */
export const agentPresenceKeys = (prefix: string, workspaceId: string, userId: string) => ({
  sockets: `${prefix}:presence:${workspaceId}:${userId}:sockets`,
  state: `${prefix}:presence:${workspaceId}:${userId}:state`,
  tracked: trackedPresenceKey(prefix),
});

export const trackedPresenceKey = (prefix: string): string => `${prefix}:presence:tracked`;

/** A socket not refreshed for this long belongs to a gateway instance that died. */
export const PRESENCE_SOCKET_STALE_MS = 90_000;
/** How often a gateway instance refreshes its agent sockets' scores. */
export const PRESENCE_SOCKET_REFRESH_MS = 30_000;

/**
 * `ticket.assignment` queue: something may have made room for waiting tickets (a ticket solved,
 * closed or unassigned, a capacity raised); the ticket app assigns what it can.
 */
export interface TicketAssignmentJobData extends TracedJobData {
  workspaceId: string;
  cause: string;
}

/** Default targets by priority, used where a workspace has no `sla_policies` row. */
export const DEFAULT_SLA_POLICIES: Readonly<
  Record<TicketPriority, { firstResponseSeconds: number; resolutionSeconds: number }>
> = {
  urgent: { firstResponseSeconds: 15 * 60, resolutionSeconds: 4 * 3600 },
  high: { firstResponseSeconds: 3600, resolutionSeconds: 8 * 3600 },
  normal: { firstResponseSeconds: 4 * 3600, resolutionSeconds: 24 * 3600 },
  low: { firstResponseSeconds: 8 * 3600, resolutionSeconds: 72 * 3600 },
};

/** Tickets still being worked on: they hold an agent's capacity (SLA clocks: `slaClockOf`). */
export const ACTIVE_TICKET_STATUSES: readonly TicketStatus[] = ['open', 'pending'];

export const slaClockOf = (status: TicketStatus): SlaClock =>
  status === 'open' ? 'running' : status === 'pending' ? 'paused' : 'stopped';

/**
 * Where one SLA target of a ticket stands at `now`. A target crossed before the scheduled check
 * recorded it already reads as breached (with `breachedAt` still null); a first response that
 * never came to a ticket finished without one stops its clock (`none`). While the ticket is
 * pending a target not yet reached is `paused`: its due time moves by the pause when it resumes.
 */
export function slaTargetView(
  target: { dueAt: Date | null; achievedAt: Date | null; breachedAt: Date | null },
  clock: SlaClock,
  now: Date,
): SlaTargetView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const view = (state: SlaState): SlaTargetView => ({
    dueAt: iso(target.dueAt),
    achievedAt: iso(target.achievedAt),
    breachedAt: iso(target.breachedAt),
    state,
  });
  const { dueAt, achievedAt, breachedAt } = target;
  if (breachedAt) return view('breached');
  if (!dueAt) return view('none');
  if (achievedAt) return view(achievedAt.getTime() <= dueAt.getTime() ? 'met' : 'breached');
  if (clock === 'stopped') return view('none');
  if (clock === 'paused') return view('paused');
  return view(now.getTime() > dueAt.getTime() ? 'breached' : 'running');
}
