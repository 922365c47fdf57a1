import type { ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseMigration } from '@cxgenie/clickhouse';
import { AnalyticsTables as T, FACTS_COLUMNS } from './analytics-tables';
import { rebuildAnalyticsViews } from './analytics-backfill';
import { ANALYTICS_VIEWS, createMaterializedView, createViewTable } from './analytics-views';

const tableExists = async (client: ClickHouseClient, table: string): Promise<boolean> => {
  const result = await client.query({
    query: `SELECT toUInt8(count()) AS n FROM system.tables
             WHERE database = currentDatabase() AND name = {table:String}`,
    query_params: { table },
    format: 'JSONEachRow',
  });
  const [row] = (await result.json()) as { n: number }[];
  return Number(row?.n ?? 0) > 0;
};

/*
 * Raw facts. ReplacingMergeTree on (workspace, type, time, id) is the backstop for a fact written
 * twice by two writers at once; the writer itself skips facts already stored (so the views, which
 * see every insert, count each fact once). The bloom filter serves that check.
 */
const createFacts: ClickHouseMigration = {
  version: 1,
  name: 'analytics_facts',
  async up(client) {
    await client.command({
      query: `
        CREATE TABLE IF NOT EXISTS ${T.Facts} (${FACTS_COLUMNS},
          INDEX event_id_bloom event_id TYPE bloom_filter GRANULARITY 4
        )
        ENGINE = ReplacingMergeTree(inserted_at)
        PARTITION BY toYYYYMM(occurred_at)
        ORDER BY (workspace_id, type, occurred_at, event_id)`,
    });
  },
};

/*
 * The facts of ADR 0012's table (a JSON string of measures) become typed rows: their local time
 * is taken as UTC (the workspace's zone was not recorded), and the old table is dropped once
 * copied. Rows already copied (a copy interrupted before the drop) are not copied twice.
 */
const copyLegacyEvents: ClickHouseMigration = {
  version: 2,
  name: 'copy analytics_events into analytics_facts',
  async up(client) {
    if (!(await tableExists(client, T.LegacyEvents))) return;
    const json = (field: string) => `JSONExtractString(data, '${field}')`;
    await client.command({
      query: `
        INSERT INTO ${T.Facts} (workspace_id, type, occurred_at, event_id, local_time, conversation_id,
                                message_id, reply_to_id, bot_id, channel_type, customer_id, agent_id,
                                sender, outcome, enough_information, provider, model, chars, rating,
                                wait_ms, trace_id)
        SELECT workspace_id, type, occurred_at,
               if(type = 'csat.submitted' AND ${json('ratingId')} != '', ${json('ratingId')}, message_id),
               toDateTime(occurred_at, 'UTC'), conversation_id, message_id, ${json('replyToMessageId')},
               ${json('botId')}, ${json('channelType')}, ${json('customerId')}, ${json('agentId')},
               multiIf(type = 'message.received', 'customer', type = 'message.answered', 'bot', ''),
               ${json('outcome')}, toUInt8(JSONExtractBool(data, 'haveEnoughInformation')),
               ${json('provider')}, ${json('model')}, JSONExtractUInt(data, 'chars'),
               JSONExtractUInt(data, 'rating'), JSONExtractUInt(data, 'waitedMs'), trace_id
          FROM ${T.LegacyEvents} FINAL
         WHERE (workspace_id, type, message_id) NOT IN (
                 SELECT workspace_id, type, message_id FROM ${T.Facts})`,
    });
    await client.command({ query: `DROP TABLE IF EXISTS ${T.LegacyEvents}` });
  },
};

/*
 * The pre-aggregations. Each view is created after its table; the facts stored before the views
 * existed (those copied above) are aggregated by a rebuild, which replaces rather than adds, so
 * running this again is harmless.
 */
const createViews: ClickHouseMigration = {
  version: 3,
  name: 'materialized views',
  async up(client) {
    for (const view of ANALYTICS_VIEWS) {
      await client.command({ query: createViewTable(view) });
      await client.command({ query: createMaterializedView(view) });
    }
    await rebuildAnalyticsViews(client);
  },
};

export const ANALYTICS_MIGRATIONS: readonly ClickHouseMigration[] = [
  createFacts,
  copyLegacyEvents,
  createViews,
];
