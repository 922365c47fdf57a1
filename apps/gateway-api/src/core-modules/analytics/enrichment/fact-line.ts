import type { AnalyticsFact } from '@cxgenie/contracts';
import { clickHouseTime, localClickHouseTime } from '../local-time';
import { type FactContext, MAX_TEXT } from './fact-rows';

// Characters JSON.stringify would escape (quotes, backslashes, controls, lone surrogates): a
// string without any is written as it is, between quotes.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `value` as JSON.stringify writes it inside an object; undefined when it leaves it out. */
const json = (value: unknown): string | undefined => {
  if (typeof value === 'string')
    return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : 'null';
  return JSON.stringify(value);
};

/** `,"name":value`, or nothing for a value JSON leaves out (a publisher omitted the field). */
const required = (name: string, value: unknown): string => {
  const text = json(value);
  return text === undefined ? '' : `,"${name}":${text}`;
};

/**
 * `,"name":value`, or nothing when the column would take its default anyway: every column but
 * the five each row names defaults to '' or 0, and JSON's null (null, NaN, Infinity) reads as the
 * default. A fact sets a few of the table's forty columns; the engine parses only what is
 * written (ADR 0051).
 */
const field = (name: string, value: unknown): string => {
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'number')
    return value === 0 || !Number.isFinite(value) ? '' : `,"${name}":${value}`;
  return required(name, value);
};

const int = (n: number) => Math.max(0, Math.round(Number.isFinite(n) ? n : 0));
const flag = (b: boolean) => (b ? 1 : 0);

const measures = (fact: AnalyticsFact, ctx: FactContext): string => {
  switch (fact.type) {
    case 'message.received':
      return (
        `,"sender":"customer"${field('chars', fact.text.length)}` +
        field('sentiment', ctx.sentiment?.score ?? 0) +
        field('sentiment_source', ctx.sentiment?.source ?? '')
      );
    case 'message.sent':
      return `,"sender":"agent"${field('chars', int(fact.chars))}`;
    case 'message.answered':
      return (
        `,"sender":"bot"${field('reply_to_id', fact.replyToMessageId)}${field('outcome', fact.outcome)}` +
        field('enough_information', flag(fact.haveEnoughInformation)) +
        `${field('provider', fact.provider)}${field('model', fact.model)}` +
        field('wait_ms', int(fact.waitedMs)) +
        field('chars', int(fact.chars)) +
        field('text', (fact.question ?? '').slice(0, MAX_TEXT))
      );
    case 'message.unanswered':
      return (
        `,"outcome":"silent"${field('provider', fact.provider)}${field('model', fact.model)}` +
        `${field('wait_ms', int(fact.waitedMs))}${field('text', fact.question.slice(0, MAX_TEXT))}`
      );
    case 'handoff.requested':
      return `${field('reason', fact.reason)},"outcome":"${fact.ticketOpened ? 'opened' : 'reused'}"`;
    case 'ticket.assigned':
      return `${field('reason', fact.mode)}${field('previous_agent_id', fact.previousAgentId ?? '')}`;
    case 'ticket.first_response':
      return (
        `${field('reason', fact.priority)}${field('seconds', Math.max(0, fact.seconds))}` +
        field('within_target', flag(fact.withinTarget))
      );
    case 'ticket.resolved':
      return (
        `${field('outcome', fact.status)}${field('reason', fact.priority)}` +
        `${field('seconds', Math.max(0, fact.seconds))}${field('within_target', flag(fact.withinTarget))}`
      );
    case 'sla.breached':
      return `${field('outcome', fact.target)}${field('reason', fact.priority)}`;
    case 'csat.submitted':
      return field('rating', Math.min(5, int(fact.rating)));
    case 'agent.availability': {
      const since = fact.previousSince ? Date.parse(fact.previousSince) : NaN;
      const seconds = Number.isNaN(since) ? 0 : (Date.parse(fact.occurredAt) - since) / 1000;
      return (
        `${field('outcome', fact.availability)}${field('previous_status', fact.previous)}` +
        field('seconds', Math.max(0, seconds))
      );
    }
    case 'llm.usage':
      return (
        `${field('provider', fact.provider)}${field('model', fact.model)}${field('reason', fact.purpose)}` +
        `${field('prompt_tokens', int(fact.promptTokens))}${field('completion_tokens', int(fact.completionTokens))}` +
        `${field('latency_ms', int(fact.latencyMs))}${field('cost_usd', ctx.costUsd ?? 0)}`
      );
    case 'embedding.usage':
      return (
        `${field('provider', fact.provider)}${field('model', fact.model)}${field('reason', fact.purpose)}` +
        `${field('texts', int(fact.texts))}${field('prompt_tokens', int(fact.tokens))}` +
        `${field('latency_ms', int(fact.latencyMs))}${field('cost_usd', ctx.costUsd ?? 0)}`
      );
    case 'ingestion.completed':
      return (
        `${field('source_id', fact.sourceId)}${field('reason', fact.sourceType)}` +
        `,"outcome":"${fact.succeeded ? 'succeeded' : 'failed'}"` +
        field('pages', int(fact.pages)) +
        field('chunks', int(fact.chunks)) +
        field('seconds', Math.max(0, fact.seconds))
      );
    default:
      return '';
  }
};

/**
 * A fact's row of `analytics_facts` as one JSONEachRow line (newline included), written straight
 * from the fact: the JSON of `toFactRow(fact, ctx)` (field order, string escaping) without the
 * wide row object, its spread and its context held until the insert (ADR 0048), and without the
 * columns that take their default anyway (ADR 0051).
 */
export function factLine(fact: AnalyticsFact, ctx: FactContext, at: number): string {
  const head =
    required('workspace_id', fact.workspaceId) +
    required('type', fact.type) +
    `,"occurred_at":"${clickHouseTime(at)}"` +
    required('event_id', fact.id) +
    `,"local_time":"${localClickHouseTime(ctx.timeZone, at)}"` +
    field('conversation_id', fact.conversationId ?? '') +
    field('message_id', fact.messageId ?? '') +
    field('ticket_id', fact.ticketId ?? '') +
    field('bot_id', ctx.botId) +
    field('bot_name', ctx.botName) +
    field('channel_type', ctx.channelType) +
    field('customer_id', ctx.customerId) +
    field('customer_name', ctx.customerName) +
    field('agent_id', fact.agentId ?? '') +
    field('agent_name', ctx.agentName) +
    field('trace_id', fact.traceId ?? '');
  return `{${head.slice(1)}${measures(fact, ctx)}}\n`;
}
