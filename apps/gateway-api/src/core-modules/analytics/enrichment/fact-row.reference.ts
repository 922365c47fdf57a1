import type { AnalyticsFactRow } from '@cxgenie/analytics';
import type { AnalyticsFact } from '@cxgenie/contracts';
import { clickHouseTime, localClickHouseTime } from '../local-time';
import { type FactContext, MAX_TEXT } from './fact-rows';

/*
 * The row formatter of ADR 0035 (an object per fact, serialised with JSON.stringify), kept as the
 * reference `factLine` must match byte for byte (fact-line.spec.ts). Not used by the writer.
 */
const int = (n: number) => Math.max(0, Math.round(Number.isFinite(n) ? n : 0));
const flag = (b: boolean) => (b ? 1 : 0);

const measures = (fact: AnalyticsFact, ctx: FactContext): Partial<AnalyticsFactRow> => {
  switch (fact.type) {
    case 'message.received':
      return {
        sender: 'customer',
        chars: fact.text.length,
        sentiment: ctx.sentiment?.score ?? 0,
        sentiment_source: ctx.sentiment?.source ?? '',
      };
    case 'message.sent':
      return { sender: 'agent', chars: int(fact.chars) };
    case 'message.answered':
      return {
        sender: 'bot',
        reply_to_id: fact.replyToMessageId,
        outcome: fact.outcome,
        enough_information: flag(fact.haveEnoughInformation),
        provider: fact.provider,
        model: fact.model,
        wait_ms: int(fact.waitedMs),
        chars: int(fact.chars),
        text: (fact.question ?? '').slice(0, MAX_TEXT),
      };
    case 'message.unanswered':
      return {
        outcome: 'silent',
        provider: fact.provider,
        model: fact.model,
        wait_ms: int(fact.waitedMs),
        text: fact.question.slice(0, MAX_TEXT),
      };
    case 'handoff.requested':
      return { reason: fact.reason, outcome: fact.ticketOpened ? 'opened' : 'reused' };
    case 'ticket.assigned':
      return { reason: fact.mode, previous_agent_id: fact.previousAgentId ?? '' };
    case 'ticket.first_response':
      return {
        reason: fact.priority,
        seconds: Math.max(0, fact.seconds),
        within_target: flag(fact.withinTarget),
      };
    case 'ticket.resolved':
      return {
        outcome: fact.status,
        reason: fact.priority,
        seconds: Math.max(0, fact.seconds),
        within_target: flag(fact.withinTarget),
      };
    case 'sla.breached':
      return { outcome: fact.target, reason: fact.priority };
    case 'csat.submitted':
      return { rating: Math.min(5, int(fact.rating)) };
    case 'agent.availability': {
      const since = fact.previousSince ? Date.parse(fact.previousSince) : NaN;
      const seconds = Number.isNaN(since) ? 0 : (Date.parse(fact.occurredAt) - since) / 1000;
      return {
        outcome: fact.availability,
        previous_status: fact.previous,
        seconds: Math.max(0, seconds),
      };
    }
    case 'llm.usage':
      return {
        provider: fact.provider,
        model: fact.model,
        reason: fact.purpose,
        prompt_tokens: int(fact.promptTokens),
        completion_tokens: int(fact.completionTokens),
        latency_ms: int(fact.latencyMs),
        cost_usd: ctx.costUsd ?? 0,
      };
    case 'embedding.usage':
      return {
        provider: fact.provider,
        model: fact.model,
        reason: fact.purpose,
        texts: int(fact.texts),
        prompt_tokens: int(fact.tokens),
        latency_ms: int(fact.latencyMs),
        cost_usd: ctx.costUsd ?? 0,
      };
    case 'ingestion.completed':
      return {
        source_id: fact.sourceId,
        reason: fact.sourceType,
        outcome: fact.succeeded ? 'succeeded' : 'failed',
        pages: int(fact.pages),
        chunks: int(fact.chunks),
        seconds: Math.max(0, fact.seconds),
      };
  }
};

/** A typed fact as a row of `analytics_facts`, in UTC and in the workspace's wall-clock time. */
export function toFactRow(fact: AnalyticsFact, ctx: FactContext): AnalyticsFactRow {
  const parsed = Date.parse(fact.occurredAt);
  const at = Number.isNaN(parsed) ? Date.now() : parsed;
  return {
    workspace_id: fact.workspaceId,
    type: fact.type,
    occurred_at: clickHouseTime(at),
    event_id: fact.id,
    local_time: localClickHouseTime(ctx.timeZone, at),
    conversation_id: fact.conversationId ?? '',
    message_id: fact.messageId ?? '',
    ticket_id: fact.ticketId ?? '',
    bot_id: ctx.botId,
    bot_name: ctx.botName,
    channel_type: ctx.channelType,
    customer_id: ctx.customerId,
    customer_name: ctx.customerName,
    agent_id: fact.agentId ?? '',
    agent_name: ctx.agentName,
    trace_id: fact.traceId ?? '',
    ...measures(fact, ctx),
  };
}
