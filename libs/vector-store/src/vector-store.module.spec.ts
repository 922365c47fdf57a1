import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { startFakeMilvus } from '../../testing/src/fakes/milvus';
import { LanceDbVectorStore } from './lancedb/lancedb-vector-store';
import { MilvusVectorStore } from './milvus/milvus-vector-store';
import type { VectorStoreTarget } from './vector-store-connection.factory';
import { VECTOR_STORE, VectorStoreModule } from './vector-store.module';
import type { VectorStore } from './vector-store.port';

async function resolveStore(target: VectorStoreTarget) {
  const moduleRef = await Test.createTestingModule({
    imports: [VectorStoreModule.forRoot(target)],
  }).compile();
  moduleRef.enableShutdownHooks();
  return { moduleRef, store: moduleRef.get<VectorStore>(VECTOR_STORE) };
}

const scope = { workspaceId: randomUUID(), botId: randomUUID() };
const space = { model: 'test/module', dimensions: 2 };

describe('VectorStoreModule', () => {
  it('provides the LanceDB store over an embedded directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxgenie-lance-module-'));
    const { moduleRef, store } = await resolveStore({ kind: 'lancedb', dataDir: dir });
    try {
      expect(store).toBeInstanceOf(LanceDbVectorStore);
      await expect(
        store.search(space, { ...scope, partition: 'faqs', vector: [1, 0], topK: 1 }),
      ).resolves.toEqual([]);
    } finally {
      await moduleRef.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('provides the Milvus store over a Milvus address', async () => {
    const milvus = await startFakeMilvus();
    const { moduleRef, store } = await resolveStore({
      kind: 'milvus',
      address: milvus.address,
      token: null,
    });
    try {
      expect(store).toBeInstanceOf(MilvusVectorStore);
      await expect(
        store.search(space, { ...scope, partition: 'faqs', vector: [1, 0], topK: 1 }),
      ).resolves.toEqual([]);
    } finally {
      await moduleRef.close();
      await milvus.stop();
    }
  });
});
