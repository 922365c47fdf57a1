import type { ClickHouseClient } from '@clickhouse/client';
import { AnalyticsTables as T } from './analytics-tables';

/**
 * Keeps raw facts `days` days (0: forever), by the table's TTL; the pre-aggregations are kept.
 * A setting, not a migration: applied on every start, and only when it differs from the table's.
 * Returns whether the table changed.
 */
export async function applyRawFactsTtl(client: ClickHouseClient, days: number): Promise<boolean> {
  const result = await client.query({
    query: `SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = {table:String}`,
    query_params: { table: T.Facts },
    format: 'JSONEachRow',
  });
  const [table] = (await result.json()) as { engine_full: string }[];
  if (!table) throw new Error(`${T.Facts} does not exist: run the analytics migrations first`);
  const current = /TTL .*toIntervalDay\((\d+)\)/.exec(table.engine_full);
  const currentDays = current ? Number(current[1]) : 0;
  if (currentDays === days) return false;
  await client.command({
    query:
      days === 0
        ? `ALTER TABLE ${T.Facts} REMOVE TTL`
        : `ALTER TABLE ${T.Facts} MODIFY TTL toDateTime(occurred_at) + toIntervalDay(${days})`,
  });
  return true;
}
