import type { ClickHouseClient } from '@clickhouse/client';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** The formats a pre-serialised body may take: one row a line, so any body splits at newlines. */
export type BulkInsertFormat = 'JSONEachRow' | 'JSONCompactEachRow';

export interface BulkInsert {
  table: string;
  columns?: readonly string[];
  format: BulkInsertFormat;
  /** The rows, serialised already, one a line. */
  body: Buffer;
}

/** What an embedded (chdb) connection adds to the client: inserts parsed by the engine itself. */
export interface RawInserter {
  rawInsert(params: {
    table: string;
    values: Buffer;
    format: BulkInsertFormat;
    columns?: ReadonlyArray<string>;
  }): Promise<unknown>;
}

const rawInserters = new WeakMap<ClickHouseClient, RawInserter>();

/** Called by the factory for an embedded client. */
export const registerRawInserter = (client: ClickHouseClient, inserter: RawInserter): void => {
  rawInserters.set(client, inserter);
};

/**
 * One INSERT of many rows the caller has serialised itself. Through `@clickhouse/client`'s
 * generic insert, chdb would turn the body into a string, append it to the SQL text and parse it
 * with the statement (slower than linearly as bodies grow); its raw insert hands the buffer to
 * the engine's multithreaded format parser instead. A server receives the same bytes as the
 * body of one HTTP request.
 */
export async function bulkInsert(client: ClickHouseClient, insert: BulkInsert): Promise<void> {
  if (insert.body.length === 0) return;
  const raw = rawInserters.get(client);
  if (raw) {
    await raw.rawInsert({
      table: insert.table,
      values: insert.body,
      format: insert.format,
      columns: insert.columns,
    });
    return;
  }
  // `insert` wants rows to serialise (JSON formats take objects only); `exec` with values sends
  // the statement in the URL and these bytes as the body, as they are.
  const columns = insert.columns ? ` (${insert.columns.join(', ')})` : '';
  const result = await client.exec({
    query: `INSERT INTO ${insert.table}${columns} FORMAT ${insert.format}`,
    values: Readable.from([insert.body], { objectMode: false }),
  });
  result.stream.resume();
  await finished(result.stream);
}
