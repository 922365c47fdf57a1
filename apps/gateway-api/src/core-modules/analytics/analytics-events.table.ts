import type { AnalyticsEvent } from '@cxgenie/contracts';

export const ANALYTICS_EVENTS_TABLE = 'analytics_events';

/*
 * Ids are strings, not UUIDs: one malformed id must not fail the insert it shares with everybody
 * else's facts. A job retried after a failure inserts its facts again; ReplacingMergeTree keeps one
 * row per (workspace, type, time, message), so counts read with FINAL (or after merges) are exact.
 */
export const CREATE_ANALYTICS_EVENTS = `
  CREATE TABLE IF NOT EXISTS ${ANALYTICS_EVENTS_TABLE} (
    workspace_id String,
    type LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    conversation_id String,
    message_id String,
    data String,
    trace_id String,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
  )
  ENGINE = ReplacingMergeTree(inserted_at)
  PARTITION BY toYYYYMM(occurred_at)
  ORDER BY (workspace_id, type, occurred_at, message_id)`;

export interface AnalyticsEventRow {
  workspace_id: string;
  type: string;
  occurred_at: string;
  conversation_id: string;
  message_id: string;
  /** The event's `data`, as a JSON object. */
  data: string;
  trace_id: string;
}

/** ClickHouse's plain DateTime64 text, in UTC: it reads no ISO `T…Z` without best-effort parsing. */
const clickHouseTime = (iso: string): string => {
  const at = new Date(iso);
  return (Number.isNaN(at.getTime()) ? new Date() : at)
    .toISOString()
    .replace('T', ' ')
    .slice(0, -1);
};

export const toAnalyticsEventRow = (event: AnalyticsEvent): AnalyticsEventRow => ({
  workspace_id: event.workspaceId,
  type: event.type,
  occurred_at: clickHouseTime(event.occurredAt),
  conversation_id: event.conversationId,
  message_id: event.messageId,
  data: JSON.stringify(event.data ?? {}),
  trace_id: event.traceId ?? '',
});
