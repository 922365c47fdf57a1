import type { INestApplication } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { AnalyticsTables } from '@cxgenie/analytics';
import { CLICKHOUSE_CLIENT } from '@cxgenie/clickhouse';

/** A stored fact: its identity, and its non-empty columns (the measures and names). */
export interface StoredAnalyticsEvent {
  workspaceId: string;
  type: string;
  eventId: string;
  occurredAt: string;
  localTime: string;
  conversationId: string;
  messageId: string;
  traceId: string;
  /** Every other column that is not empty or zero, by its ClickHouse name. */
  data: Record<string, string | number>;
}

const IDENTITY = new Set([
  'workspace_id',
  'type',
  'event_id',
  'occurred_at',
  'local_time',
  'conversation_id',
  'message_id',
  'trace_id',
  'inserted_at',
]);

/** A workspace's analytics facts as ClickHouse holds them (FINAL: one row per fact), oldest first. */
export async function storedAnalyticsEvents(
  app: INestApplication,
  workspaceId: string,
): Promise<StoredAnalyticsEvent[]> {
  const clickhouse = app.get<ClickHouseClient>(CLICKHOUSE_CLIENT);
  const result = await clickhouse.query({
    query: `SELECT * EXCEPT (occurred_at, local_time), toString(occurred_at) AS occurred_at,
                   toString(local_time) AS local_time
              FROM ${AnalyticsTables.Facts} FINAL
             WHERE workspace_id = {workspaceId:String}
             ORDER BY occurred_at, type, event_id`,
    query_params: { workspaceId },
    format: 'JSONEachRow',
  });
  return ((await result.json()) as Record<string, string | number>[]).map((row) => {
    const data: Record<string, string | number> = {};
    for (const [column, value] of Object.entries(row)) {
      if (IDENTITY.has(column) || value === '' || value === 0 || value === '0') continue;
      data[column] = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    }
    return {
      workspaceId: String(row['workspace_id']),
      type: String(row['type']),
      eventId: String(row['event_id']),
      occurredAt: String(row['occurred_at']),
      localTime: String(row['local_time']),
      conversationId: String(row['conversation_id']),
      messageId: String(row['message_id']),
      traceId: String(row['trace_id']),
      data,
    };
  });
}
