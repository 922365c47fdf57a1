import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { spaceCollectionName } from '../space-collection-name';
import type { VectorRecord } from '../vector-store.port';
import { LanceDbVectorStore } from './lancedb-vector-store';

const space = { model: 'test/maintenance', dimensions: 8 };
const scope = {
  workspaceId: '00000000-0000-4000-8000-000000000d01',
  botId: '00000000-0000-4000-8000-000000000d02',
};

const records = (batch: number, size: number): VectorRecord[] =>
  Array.from({ length: size }, (_, i) => ({
    id: `m-${batch}-${i}`,
    ...scope,
    partition: 'documents',
    sourceId: `source-${batch}`,
    documentId: null,
    chunkHash: `h-${batch}-${i}`,
    title: 'T',
    headingPath: '',
    position: i,
    text: `chunk ${batch} ${i}`,
    tokenCount: 3,
    createdAt: 1,
    updatedAt: 1,
    vector: Array.from({ length: 8 }, (_, d) => Math.sin(batch * 31 + i * 7 + d)),
  }));

describe('LanceDbVectorStore.maintain', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxgenie-lance-maintain-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function tableState(db: lancedb.Connection) {
    const table = await db.openTable(spaceCollectionName(space));
    try {
      const { fragmentStats, numRows } = await table.stats();
      const indices = await table.listIndices();
      let unindexed = 0;
      for (const index of indices)
        unindexed += (await table.indexStats(index.name))?.numUnindexedRows ?? 0;
      return {
        rows: numRows,
        smallFragments: fragmentStats.numSmallFragments,
        indexed: indices.map((i) => i.columns.join(',')),
        unindexed,
      };
    } finally {
      table.close();
    }
  }

  it('compacts and indexes what another process wrote, from a fresh process (after a restart)', async () => {
    // The writer (a loader) never reaches its own optimize thresholds.
    const writerDb = await lancedb.connect(dir);
    const writer = new LanceDbVectorStore(writerDb, {
      writesPerCompaction: 1_000,
      rowsPerOptimize: 1_000_000,
    });
    for (let batch = 0; batch < 12; batch += 1) await writer.upsert(space, records(batch, 20));
    writerDb.close();

    const db = await lancedb.connect(dir, { readConsistencyInterval: 0 });
    const before = await tableState(db);
    expect(before.rows).toBe(240);
    expect(before.smallFragments).toBeGreaterThan(1);
    expect(before.unindexed).toBeGreaterThan(0);

    const store = new LanceDbVectorStore(db);
    await expect(store.maintain()).resolves.toBe(1);

    const after = await tableState(db);
    expect(after).toEqual({ rows: 240, smallFragments: 1, indexed: ['bot_id'], unindexed: 0 });
    // Nothing left to do: the next run changes nothing.
    await expect(store.maintain()).resolves.toBe(0);
    // The data is intact and searchable.
    const hits = await store.nearest(space, {
      ...scope,
      partition: 'documents',
      vector: records(5, 20)[3]!.vector,
      topK: 1,
    });
    expect(hits[0]).toMatchObject({ id: 'm-5-3' });
    db.close();
  });

  it('creates the bot index a table is missing', async () => {
    const db = await lancedb.connect(dir);
    const store = new LanceDbVectorStore(db);
    await store.upsert(space, records(0, 5));
    const table = await db.openTable(spaceCollectionName(space));
    await table.dropIndex('bot_id_idx');
    table.close();
    expect((await tableState(db)).indexed).toEqual([]);

    await expect(new LanceDbVectorStore(db).maintain()).resolves.toBe(1);

    expect(await tableState(db)).toMatchObject({ indexed: ['bot_id'], unindexed: 0 });
    db.close();
  });
});
