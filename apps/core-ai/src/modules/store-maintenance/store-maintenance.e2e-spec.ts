import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { LOCAL_EMBEDDING_MODEL } from '@cxgenie/embeddings';
import { type BootedService, bootService, eventually } from '@cxgenie/testing';
import { LanceDbVectorStore, type VectorRecord, spaceCollectionName } from '@cxgenie/vector-store';
import { coreAiService } from '../../core-ai.service';

const space = { model: LOCAL_EMBEDDING_MODEL, dimensions: 64 };
const scope = { workspaceId: randomUUID(), botId: randomUUID() };

const batch = (n: number): VectorRecord[] =>
  Array.from({ length: 10 }, (_, i) => ({
    id: `maint-${n}-${i}`,
    ...scope,
    partition: 'documents',
    sourceId: `source-${n}`,
    documentId: null,
    chunkHash: `h-${n}-${i}`,
    title: 'T',
    headingPath: '',
    position: i,
    text: `chunk ${n} ${i}`,
    tokenCount: 3,
    createdAt: 1,
    updatedAt: 1,
    vector: Array.from({ length: 64 }, (_, d) => Math.cos(n * 17 + i * 3 + d)),
  }));

/**
 * core-ai's scheduled upkeep of a store other processes wrote: rows the loader added (in small
 * writes, below its own optimize thresholds) before this core-ai started get compacted and
 * indexed by the job, with nobody writing through core-ai.
 */
describe('vector store maintenance (core-ai scheduled job)', () => {
  let dataDir: string;
  let core: BootedService | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cxgenie-maintenance-'));
  });
  afterAll(async () => {
    await core?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const state = async (db: lancedb.Connection) => {
    const table = await db.openTable(spaceCollectionName(space));
    try {
      const { fragmentStats } = await table.stats();
      let unindexed = 0;
      for (const index of await table.listIndices())
        unindexed += (await table.indexStats(index.name))?.numUnindexedRows ?? 0;
      return { smallFragments: fragmentStats.numSmallFragments, unindexed };
    } finally {
      table.close();
    }
  };

  it("compacts and indexes the loader's writes once core-ai runs, without a write of its own", async () => {
    const db = await lancedb.connect(join(dataDir, 'lancedb'), { readConsistencyInterval: 0 });
    const loader = new LanceDbVectorStore(db, {
      writesPerCompaction: 1_000,
      rowsPerOptimize: 1_000_000,
    });
    for (let n = 0; n < 10; n += 1) await loader.upsert(space, batch(n));
    const before = await state(db);
    expect(before.smallFragments).toBeGreaterThan(1);
    expect(before.unindexed).toBeGreaterThan(0);

    core = await bootService(coreAiService, {
      DATA_DIR: dataDir,
      VECTOR_STORE_MAINTENANCE_INTERVAL_MS: '500',
    });

    await eventually(
      async () => expect(await state(db)).toEqual({ smallFragments: 1, unindexed: 0 }),
      30_000,
      250,
    );
    const hits = await loader.nearest(space, {
      ...scope,
      partition: 'documents',
      vector: batch(4)[2]!.vector,
      topK: 1,
    });
    expect(hits[0]).toMatchObject({ id: 'maint-4-2' });
    db.close();
  }, 60_000);
});
