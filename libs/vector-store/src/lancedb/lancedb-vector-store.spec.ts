import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeVectorStore, connectVectorStore } from '../vector-store-connection.factory';
import { spaceCollectionName } from '../space-collection-name';
import { describeVectorStoreBehaviour } from '../vector-store.suite';
import type { VectorRecord } from '../vector-store.port';
import { LanceDbVectorStore, type LanceDbVectorStoreOptions } from './lancedb-vector-store';

const openLance = async (dataDir: string, options: Partial<LanceDbVectorStoreOptions> = {}) => {
  const connection = await connectVectorStore({ kind: 'lancedb', dataDir });
  if (connection.kind !== 'lancedb') throw new Error('expected a LanceDB connection');
  return { connection, store: new LanceDbVectorStore(connection.db, options) };
};

const tempDir = () => mkdtempSync(join(tmpdir(), 'cxgenie-lance-store-'));

describe('LanceDbVectorStore', () => {
  describe('behaves as a VectorStore', () => {
    describeVectorStoreBehaviour(async () => {
      const dir = tempDir();
      const { connection, store } = await openLance(dir);
      return {
        store,
        close: async () => {
          await closeVectorStore(connection);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    });
  });

  describe('on disk', () => {
    let dir: string;
    beforeEach(() => {
      dir = tempDir();
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const space = { model: 'openai/text-embedding-3-small', dimensions: 8 };
    const scope = { workspaceId: randomUUID(), botId: randomUUID() };
    const unit = (i: number) => Array.from({ length: 8 }, (_, d) => (d === i % 8 ? 1 : 0.01 * i));
    const records = (count: number, sourceId = randomUUID()): VectorRecord[] =>
      Array.from({ length: count }, (_, i) => ({
        id: randomUUID(),
        ...scope,
        partition: 'websites',
        sourceId,
        documentId: null,
        chunkHash: 'f'.repeat(64),
        title: `page ${i}`,
        headingPath: '',
        position: i,
        text: `chunk ${i}`,
        tokenCount: 3,
        createdAt: 1_700_000_000_000 + i,
        updatedAt: 1_700_000_000_000 + i,
        vector: unit(i),
      }));

    it('keeps one table per space under a name safe for the engine', async () => {
      const { connection, store } = await openLance(dir);
      await store.ensureSpace(space);
      await store.ensureSpace({ ...space, dimensions: 16 });
      expect(await connection.db.tableNames()).toEqual(
        [spaceCollectionName(space), spaceCollectionName({ ...space, dimensions: 16 })].sort(),
      );
      expect(spaceCollectionName(space)).toMatch(
        /^knowledge_openai_text_embedding_3_small_8_[0-9a-f]{10}$/,
      );
      await closeVectorStore(connection);
    });

    it('shows what one process wrote to another process reading the same directory', async () => {
      const writer = await openLance(dir);
      const reader = await openLance(dir);
      await reader.store.ensureSpace(space);
      const written = records(3);
      await writer.store.upsert(space, written);

      const hits = await reader.store.search(space, {
        ...scope,
        partition: 'websites',
        vector: unit(1),
        topK: 5,
      });

      expect(hits[0].id).toBe(written[1].id);
      expect(hits[0].documentId).toBeNull();
      await closeVectorStore(writer.connection);
      await closeVectorStore(reader.connection);
    });

    it('lets two processes write one table at the same time', async () => {
      const first = await openLance(dir);
      const second = await openLance(dir);
      const sourceId = randomUUID();
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? first : second).store.upsert(space, records(10, sourceId)),
        ),
      );
      await expect(first.store.countBySource(space, scope, sourceId)).resolves.toBe(80);
      await closeVectorStore(first.connection);
      await closeVectorStore(second.connection);
    });

    it('builds an ANN index once the table is large enough and still finds small bots exactly', async () => {
      const { connection, store } = await openLance(dir, {
        annIndexMinRows: 300,
        exactSearchMaxRows: 100,
      });
      const bulk = records(300);
      await store.upsert(space, bulk);
      const table = await connection.db.openTable(spaceCollectionName(space));
      const indexed = (await table.listIndices()).map((index) => index.columns[0]).sort();
      expect(indexed).toEqual(['bot_id', 'vector']);
      const viaIndex = await store.search(space, {
        ...scope,
        partition: 'websites',
        vector: unit(5),
        topK: 3,
      });
      expect(viaIndex[0]).toMatchObject({ id: bulk[5].id, score: expect.closeTo(1, 5) });

      const smallBot = { workspaceId: scope.workspaceId, botId: randomUUID() };
      const small = records(3).map((record) => ({ ...record, ...smallBot }));
      await store.upsert(space, small);
      const hits = await store.search(space, {
        ...smallBot,
        partition: 'websites',
        vector: unit(2),
        topK: 3,
      });
      expect(hits.map((hit) => hit.id)).toEqual([small[2].id, small[1].id, small[0].id]);
      expect(hits[0].score).toBeCloseTo(1, 5);
      await closeVectorStore(connection);
    });

    it('compacts after a number of writes without losing records', async () => {
      const { connection, store } = await openLance(dir, { writesPerCompaction: 3 });
      const sourceId = randomUUID();
      for (let write = 0; write < 7; write += 1) await store.upsert(space, records(5, sourceId));
      await expect(store.countBySource(space, scope, sourceId)).resolves.toBe(35);
      await closeVectorStore(connection);
    });
  });
});
