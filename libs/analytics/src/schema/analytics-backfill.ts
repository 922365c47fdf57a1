import type { ClickHouseClient } from '@clickhouse/client';
import { AnalyticsTables as T } from './analytics-tables';
import { ANALYTICS_VIEWS, viewSelect } from './analytics-views';

export interface RebuildOptions {
  /** First local month to rebuild, `YYYY-MM`; every month when absent. */
  since?: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Recomputes the pre-aggregations from the raw facts (read with FINAL: one row per fact), for
 * every month or from `since` on: the months' partitions are dropped and filled again, so a
 * rebuild replaces, never adds, and running it twice gives the same tables. Facts inserted while
 * it runs may be counted twice; run it with the analytics writer stopped (with embedded chdb the
 * gateway must be stopped anyway: one process owns the data directory). Returns the rows each
 * view holds afterwards.
 */
export async function rebuildAnalyticsViews(
  client: ClickHouseClient,
  options: RebuildOptions = {},
): Promise<Record<string, number>> {
  let since: number | null = null;
  if (options.since !== undefined) {
    const match = MONTH.exec(options.since);
    if (!match) throw new Error(`since must be a month, YYYY-MM (got ${options.since})`);
    since = Number(match[1]) * 100 + Number(match[2]);
  }
  const rows: Record<string, number> = {};
  for (const view of ANALYTICS_VIEWS) {
    if (since === null) {
      await client.command({ query: `TRUNCATE TABLE IF EXISTS ${view.table}` });
    } else {
      const partitions = await client.query({
        query: `SELECT DISTINCT partition FROM system.parts
                 WHERE database = currentDatabase() AND table = {table:String} AND active`,
        query_params: { table: view.table },
        format: 'JSONEachRow',
      });
      for (const { partition } of (await partitions.json()) as { partition: string }[]) {
        if (Number(partition) >= since)
          await client.command({ query: `ALTER TABLE ${view.table} DROP PARTITION ${partition}` });
      }
    }
    const source =
      since === null
        ? `${T.Facts} FINAL`
        : `(SELECT * FROM ${T.Facts} FINAL WHERE toYYYYMM(local_time) >= ${since})`;
    // An interval closed in `since` may reach back into a month kept: that part is already there.
    const select =
      since === null
        ? viewSelect(view, source)
        : `SELECT * FROM (${viewSelect(view, source)}) WHERE ${view.partitionBy} >= ${since}`;
    await client.command({ query: `INSERT INTO ${view.table} ${select}` });
    const counted = await client.query({
      query: `SELECT toUInt32(count()) AS n FROM ${view.table}`,
      format: 'JSONEachRow',
    });
    rows[view.table] = Number(((await counted.json()) as { n: number }[])[0]?.n ?? 0);
  }
  return rows;
}
