import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkInsert } from './clickhouse-bulk-insert';
import { checkClickHouse, createClickHouseClient } from './clickhouse-client.factory';

describe('embedded ClickHouse (chdb) through @clickhouse/client', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cxgenie-ch-'));
  const client = createClickHouseClient({ kind: 'embedded', dataDir });

  afterAll(async () => {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers ping and runs the features analytics needs: DateTime64, Map, query parameters', async () => {
    await expect(checkClickHouse(client)).resolves.toBeUndefined();
    await client.command({
      query: `CREATE TABLE events (workspace_id String, at DateTime64(3), props Map(String, String))
              ENGINE = MergeTree ORDER BY (workspace_id, at) TTL toDateTime(at) + INTERVAL 400 DAY`,
    });
    await client.insert({
      table: 'events',
      format: 'JSONEachRow',
      values: [
        { workspace_id: 'a', at: '2026-11-29 10:00:00.123', props: { channel: 'web' } },
        { workspace_id: 'a', at: '2026-11-29 10:00:01.000', props: { channel: 'telegram' } },
        { workspace_id: 'b', at: '2026-11-29 10:00:02.000', props: { channel: 'web' } },
      ],
    });
    // UInt64 is a JSON string from a server but a number from chdb; 32-bit counts read the same.
    const result = await client.query({
      query: `SELECT props['channel'] AS channel, toUInt32(count()) AS n FROM events
              WHERE workspace_id = {workspace:String} GROUP BY channel ORDER BY channel`,
      query_params: { workspace: 'a' },
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([
      { channel: 'telegram', n: 1 },
      { channel: 'web', n: 1 },
    ]);
  });

  it('takes a pre-serialised batch in one insert, through the engine’s own parser', async () => {
    await client.command({
      query: `CREATE TABLE batch (id String, n UInt32 DEFAULT 7) ENGINE = MergeTree ORDER BY id`,
    });
    const lines = Array.from({ length: 1_000 }, (_, i) =>
      JSON.stringify(i % 2 ? { id: `r${i}`, n: i } : { id: `r${i}` }),
    );
    await bulkInsert(client, {
      table: 'batch',
      format: 'JSONEachRow',
      body: Buffer.from(`${lines.join('\n')}\n`),
    });
    const result = await client.query({
      query: `SELECT toUInt32(count()) AS rows, toUInt32(countIf(n = 7)) AS defaulted FROM batch`,
      format: 'JSONEachRow',
    });
    // Row 7 sets n = 7 itself: 500 defaulted rows and that one.
    expect(await result.json()).toEqual([{ rows: 1_000, defaulted: 501 }]);
  });

  it('reports a server that cannot be reached', async () => {
    const server = createClickHouseClient({ kind: 'server', url: 'http://127.0.0.1:1' });
    await expect(checkClickHouse(server)).rejects.toThrow();
    await server.close();
  });
});
