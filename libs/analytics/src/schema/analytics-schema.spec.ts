import type { ClickHouseClient } from '@clickhouse/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CLICKHOUSE_MIGRATIONS_TABLE,
  createClickHouseClient,
  migrateClickHouse,
} from '@cxgenie/clickhouse';
import { rebuildAnalyticsViews } from './analytics-backfill';
import { ANALYTICS_MIGRATIONS } from './analytics-migrations';
import { AnalyticsTables as T } from './analytics-tables';
import { ANALYTICS_VIEWS } from './analytics-views';
import { applyRawFactsTtl } from './raw-facts-ttl';

/** The analytics schema on embedded ClickHouse (chdb), as gateway-api applies it on start. */
describe('the analytics schema', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cxgenie-analytics-schema-'));
  let client: ClickHouseClient;

  const rows = async <T = Record<string, unknown>>(query: string): Promise<T[]> =>
    (await (await client.query({ query, format: 'JSONEachRow' })).json()) as T[];

  /** Every table's definition: what "the schema" is, to compare before and after. */
  const schema = () =>
    rows(
      `SELECT name, create_table_query FROM system.tables
        WHERE database = currentDatabase() ORDER BY name`,
    );

  beforeAll(async () => {
    client = createClickHouseClient({ kind: 'embedded', dataDir });
    // A store from before typed facts: ADR 0012's table with two facts (one a duplicate row).
    await client.command({
      query: `CREATE TABLE ${T.LegacyEvents} (
                workspace_id String, type LowCardinality(String), occurred_at DateTime64(3, 'UTC'),
                conversation_id String, message_id String, data String, trace_id String,
                inserted_at DateTime64(3, 'UTC') DEFAULT now64(3))
              ENGINE = ReplacingMergeTree(inserted_at) PARTITION BY toYYYYMM(occurred_at)
              ORDER BY (workspace_id, type, occurred_at, message_id)`,
    });
    const answered = {
      workspace_id: 'w1',
      type: 'message.answered',
      occurred_at: '2026-11-29 10:15:00.000',
      conversation_id: 'c1',
      message_id: 'm1',
      data: JSON.stringify({
        botId: 'b1',
        outcome: 'answered',
        haveEnoughInformation: true,
        waitedMs: 120,
        replyToMessageId: 'q1',
      }),
      trace_id: 't1',
    };
    const rated = {
      ...answered,
      type: 'csat.submitted',
      message_id: 'm2',
      data: JSON.stringify({ ratingId: 'r1', rating: 4, agentId: 'a1', botId: 'b1' }),
    };
    await client.insert({
      table: T.LegacyEvents,
      values: [answered, rated],
      format: 'JSONEachRow',
    });
    await client.insert({ table: T.LegacyEvents, values: [answered], format: 'JSONEachRow' });
  });

  afterAll(async () => {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates a store from before typed facts: copied once, aggregated, the old table gone', async () => {
    expect(await migrateClickHouse(client, ANALYTICS_MIGRATIONS)).toEqual([1, 2, 3]);
    expect(
      await rows(
        `SELECT type, event_id, bot_id, agent_id, outcome, enough_information, rating, wait_ms
           FROM ${T.Facts} ORDER BY type`,
      ),
    ).toEqual([
      {
        type: 'csat.submitted',
        event_id: 'r1',
        bot_id: 'b1',
        agent_id: 'a1',
        outcome: '',
        enough_information: 0,
        rating: 4,
        wait_ms: 0,
      },
      {
        type: 'message.answered',
        event_id: 'm1',
        bot_id: 'b1',
        agent_id: '',
        outcome: 'answered',
        enough_information: 1,
        rating: 0,
        wait_ms: 120,
      },
    ]);
    expect(await rows(`SELECT name FROM system.tables WHERE name = '${T.LegacyEvents}'`)).toEqual(
      [],
    );
    // The facts that were there before the views are in them.
    expect(
      await rows(
        `SELECT toString(hour) AS h, toUInt32(sumMerge(bot_messages)) AS n FROM ${T.BotHourly} GROUP BY h`,
      ),
    ).toEqual([{ h: '2026-11-29 10:00:00', n: 1 }]);
    expect(await rows(`SELECT toUInt32(sumMerge(rating_sum)) AS n FROM ${T.CsatDaily}`)).toEqual([
      { n: 4 },
    ]);
  });

  it('applies nothing the second time, and the schema and data stay as they were', async () => {
    const before = await schema();
    const facts = await rows(`SELECT * FROM ${T.Facts} ORDER BY event_id`);
    expect(await migrateClickHouse(client, ANALYTICS_MIGRATIONS)).toEqual([]);
    expect(await schema()).toEqual(before);
    expect(await rows(`SELECT * FROM ${T.Facts} ORDER BY event_id`)).toEqual(facts);
    expect(
      await rows(`SELECT toUInt32(count()) AS n FROM ${CLICKHOUSE_MIGRATIONS_TABLE} FINAL`),
    ).toEqual([{ n: 3 }]);
  });

  it('has migrations that are harmless run again even where their version was not recorded', async () => {
    const before = await schema();
    const counts = async () =>
      Promise.all(
        [T.Facts, ...ANALYTICS_VIEWS.map((v) => v.table)].map(async (table) => ({
          table,
          rows: (await rows<{ n: number }>(`SELECT toUInt32(count()) AS n FROM ${table}`))[0]!.n,
        })),
      );
    const rowsBefore = await counts();
    for (const migration of ANALYTICS_MIGRATIONS) await migration.up(client);
    expect(await schema()).toEqual(before);
    expect(await counts()).toEqual(rowsBefore);
  });

  it('keeps raw facts for the configured days, changing the table only when the setting changes', async () => {
    const ttl = async () =>
      (
        await rows<{ engine_full: string }>(
          `SELECT engine_full FROM system.tables WHERE name = '${T.Facts}'`,
        )
      )[0]!.engine_full;
    expect(await applyRawFactsTtl(client, 400)).toBe(true);
    expect(await ttl()).toContain('TTL toDateTime(occurred_at) + toIntervalDay(400)');
    expect(await applyRawFactsTtl(client, 400)).toBe(false);
    expect(await applyRawFactsTtl(client, 30)).toBe(true);
    expect(await ttl()).toContain('toIntervalDay(30)');
    expect(await applyRawFactsTtl(client, 0)).toBe(true);
    expect(await ttl()).not.toContain('TTL');
  });

  it('rebuilds the views from raw facts to the same contents, for every month or from one on', async () => {
    await client.insert({
      table: T.Facts,
      format: 'JSONEachRow',
      values: [
        {
          workspace_id: 'w1',
          type: 'message.received',
          occurred_at: '2026-10-05 08:00:00.000',
          event_id: 'm0',
          local_time: '2026-10-05 08:00:00',
          bot_id: 'b1',
          conversation_id: 'c0',
        },
      ],
    });
    const contents = () =>
      rows(
        `SELECT toString(hour) AS h, bot_id, toUInt32(sumMerge(customer_messages)) AS c,
                toUInt32(sumMerge(bot_messages)) AS b
           FROM ${T.BotHourly} GROUP BY h, bot_id ORDER BY h`,
      );
    const before = await contents();
    expect(before).toEqual([
      { h: '2026-10-05 08:00:00', bot_id: 'b1', c: 1, b: 0 },
      { h: '2026-11-29 10:00:00', bot_id: 'b1', c: 0, b: 1 },
    ]);
    await rebuildAnalyticsViews(client);
    await rebuildAnalyticsViews(client);
    expect(await contents()).toEqual(before);
    await rebuildAnalyticsViews(client, { since: '2026-11' });
    expect(await contents()).toEqual(before);
    await expect(rebuildAnalyticsViews(client, { since: 'November' })).rejects.toThrow(
      'since must be a month, YYYY-MM',
    );
  });
});
