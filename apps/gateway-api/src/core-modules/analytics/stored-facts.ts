import type { ClickHouseClient } from '@clickhouse/client';
import { AnalyticsTables } from '@cxgenie/analytics';

export interface StoredFactsQuery {
  workspaceIds: Iterable<string>;
  /** The batch's earliest and latest fact times, ms since the epoch (UTC). */
  fromMs: number;
  toMs: number;
  eventIds: Iterable<string>;
}

const DAY_MS = 86_400_000;
// What TabSeparated escapes in a field, and what a single-quoted SQL string escapes.
// eslint-disable-next-line no-control-regex
const TSV_SPECIAL = /[\\\t\n\r\u0000]/;
// eslint-disable-next-line no-control-regex
const TSV_SPECIALS = /[\\\t\n\r\u0000]/g;
const TSV_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\u0000': '\\0',
};
const SQL_SPECIALS = /[\\']/g;

/** A value as one TabSeparated field: what ClickHouse reads back as the same string. */
export const tsvField = (value: string): string =>
  TSV_SPECIAL.test(value) ? value.replace(TSV_SPECIALS, (c) => TSV_ESCAPES[c]!) : value;

/** Text as a single-quoted ClickHouse string literal. */
export const sqlString = (text: string): string =>
  `'${text.replace(SQL_SPECIALS, (c) => `\\${c}`)}'`;

const utcText = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, -1);

/** A query's text that the ids make long; a server reads it from the body, not the URL. */
const MAX_QUERY_BYTES = 64 * 1024 * 1024;

export const storedKey = (type: string, eventId: string): string => `${type}\u0000${eventId}`;

/**
 * The (type, event id) keys, as `storedKey`, of the facts among `eventIds` that are already in
 * the table. The ids travel as one TabSeparated text inside the statement, read by `format()`,
 * not as an `Array(String)` parameter: each element of a parameter is escaped one character at a
 * time in JavaScript by chdb and parsed as a literal by the engine, which cost more than the
 * lookup itself (ADR 0056). A fact recorded again (a retried pipeline step) may carry a later
 * time: a day either side of the batch's.
 */
export async function storedFactKeys(
  clickhouse: ClickHouseClient,
  query: StoredFactsQuery,
): Promise<Set<string>> {
  const ids: string[] = [];
  for (const id of query.eventIds) ids.push(tsvField(id));
  if (ids.length === 0) return new Set();
  const result = await clickhouse.query({
    query: `SELECT type, event_id FROM ${AnalyticsTables.Facts}
             WHERE workspace_id IN {workspaces:Array(String)}
               AND occurred_at BETWEEN {from:DateTime64(3, 'UTC')} AND {to:DateTime64(3, 'UTC')}
               AND event_id IN (SELECT id FROM format(TabSeparated, 'id String', ${sqlString(`${ids.join('\n')}\n`)}))`,
    query_params: {
      workspaces: [...query.workspaceIds],
      from: utcText(query.fromMs - DAY_MS),
      to: utcText(query.toMs + DAY_MS),
    },
    clickhouse_settings: { max_query_size: String(MAX_QUERY_BYTES) },
    format: 'JSONEachRow',
  });
  const rows = (await result.json()) as { type: string; event_id: string }[];
  return new Set(rows.map((r) => storedKey(r.type, r.event_id)));
}
