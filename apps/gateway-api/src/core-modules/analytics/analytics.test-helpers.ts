import type { INestApplication } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE_CLIENT } from '@cxgenie/clickhouse';
import { ANALYTICS_EVENTS_TABLE, type AnalyticsEventRow } from './analytics-events.table';

export interface StoredAnalyticsEvent {
  workspaceId: string;
  type: string;
  occurredAt: string;
  conversationId: string;
  messageId: string;
  data: Record<string, unknown>;
  traceId: string;
}

/** A workspace's analytics facts as ClickHouse holds them (FINAL: one row per fact), oldest first. */
export async function storedAnalyticsEvents(
  app: INestApplication,
  workspaceId: string,
): Promise<StoredAnalyticsEvent[]> {
  const clickhouse = app.get<ClickHouseClient>(CLICKHOUSE_CLIENT);
  const result = await clickhouse.query({
    query: `SELECT workspace_id, type, toString(occurred_at) AS occurred_at, conversation_id, message_id, data, trace_id
              FROM ${ANALYTICS_EVENTS_TABLE} FINAL
             WHERE workspace_id = {workspaceId:String}
             ORDER BY occurred_at, type, message_id`,
    query_params: { workspaceId },
    format: 'JSONEachRow',
  });
  return ((await result.json()) as AnalyticsEventRow[]).map((row) => ({
    workspaceId: row.workspace_id,
    type: row.type,
    occurredAt: row.occurred_at,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    traceId: row.trace_id,
  }));
}
