import {
  type ClickHouseClient,
  type ClickHouseClientConfigOptions,
  createClient,
} from '@clickhouse/client';
import { type RawInserter, registerRawInserter } from './clickhouse-bulk-insert';

type ChdbConnectionModule = typeof import('chdb/connection');

/**
 * chdb is the whole ClickHouse engine (~160 MB resident once loaded). Every service imports this
 * library through the platform module, but only the one that owns embedded ClickHouse may pay for
 * it: the engine is loaded on first use, not on import.
 */
const loadChdb = (): ChdbConnectionModule =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  require('chdb/connection') as ChdbConnectionModule;

export type ClickHouseTarget =
  | { kind: 'server'; url: string }
  | { kind: 'embedded'; dataDir: string };

/**
 * One `@clickhouse/client` API for both targets: a ClickHouse server when CLICKHOUSE_URL is set,
 * otherwise ClickHouse running in-process (chdb) on a data directory. chdb allows one data
 * directory per process and one process per directory, so exactly one service owns it.
 */
export function createClickHouseClient(target: ClickHouseTarget): ClickHouseClient {
  if (target.kind === 'server') return createClient({ url: target.url, request_timeout: 10_000 });
  // chdb declares the Connection interface from @clickhouse/client-common, which the client now
  // inlines: the same shape under two type identities, hence the cast.
  const chdb = loadChdb().createChdbConnection({ path: target.dataDir });
  const client = createClient({
    connection: chdb as unknown as ClickHouseClientConfigOptions['connection'],
  });
  registerRawInserter(client, chdb.chdb as unknown as RawInserter);
  return client;
}

export async function checkClickHouse(client: ClickHouseClient): Promise<void> {
  const result = await client.ping();
  if (!result.success) throw result.error;
}
