import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { LocalEmbeddingProvider } from '@cxgenie/embeddings';
import { LanceDbVectorStore, type VectorStore } from '@cxgenie/vector-store';
import { RetrievalService } from './retrieval.service';
import { resolveRetrievalSettings } from './retrieval-settings';

const SCOPE = {
  workspaceId: '00000000-0000-4000-8000-000000000a01',
  botId: '00000000-0000-4000-8000-000000000a02',
};

/** Counts searches in flight around a real store; each search is held long enough to overlap. */
function instrumented(store: VectorStore, holdMs: number) {
  const seen = { inFlight: 0, maxInFlight: 0, calls: 0 };
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      seen.calls += 1;
      seen.inFlight += 1;
      seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        return await fn(...args);
      } finally {
        seen.inFlight -= 1;
      }
    };
  const proxy: VectorStore = {
    kind: store.kind,
    ensureSpace: (space) => store.ensureSpace(space),
    upsert: (space, records) => store.upsert(space, records),
    deleteBySource: (space, scope, id) => store.deleteBySource(space, scope, id),
    countBySource: (space, scope, id) => store.countBySource(space, scope, id),
    listRecordKeys: (space, scope) => store.listRecordKeys(space, scope),
    deleteRecords: (space, scope, ids) => store.deleteRecords(space, scope, ids),
    search: wrap((space, query) => store.search(space, query)),
  };
  return { proxy, seen };
}

describe('RetrievalService over LanceDB', () => {
  let dir: string;
  let db: lancedb.Connection;
  let store: LanceDbVectorStore;
  const embedder = new LocalEmbeddingProvider({ dimensions: 256 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxgenie-retrieval-'));
    db = await lancedb.connect(dir);
    store = new LanceDbVectorStore(db);
    const texts = {
      documents: 'The warranty covers manufacturing defects for two years from delivery.',
      websites: 'Our stores open at 9am and close at 6pm from Monday to Saturday.',
      faqs: 'How long is the warranty? Two years for every product we sell.',
      snippets: 'Warranty claims need the order number and a photo of the defect.',
    } as const;
    const vectors = await embedder.embed(Object.values(texts));
    await store.upsert(
      embedder.space,
      Object.entries(texts).map(([partition, text], i) => ({
        id: `chunk-${partition}`,
        ...SCOPE,
        partition: partition as keyof typeof texts,
        sourceId: `source-${partition}`,
        documentId: null,
        chunkHash: `hash-${i}`,
        title: partition,
        headingPath: '',
        position: 0,
        text,
        tokenCount: 20,
        createdAt: Date.now(),
        updatedAt: Date.now(),
        vector: vectors[i]!,
      })),
    );
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('searches the four partitions at the same time, not one after another', async () => {
    const { proxy, seen } = instrumented(store, 50);
    const service = new RetrievalService(embedder, proxy);
    const { chunks } = await service.retrieve(
      SCOPE,
      'how long is the warranty',
      resolveRetrievalSettings(undefined, { hybridSearch: false }),
    );
    expect(seen.calls).toBe(4);
    expect(seen.maxInFlight).toBe(4);
    expect(new Set(chunks.map((c) => c.partition))).toEqual(
      new Set(['documents', 'websites', 'faqs', 'snippets']),
    );
  });

  it('ranks the FAQ first, with full-text hits fused in when hybrid search is on', async () => {
    const service = new RetrievalService(embedder, store);
    const { chunks } = await service.retrieve(
      SCOPE,
      'how long is the warranty',
      resolveRetrievalSettings(undefined),
    );
    expect(chunks[0]).toMatchObject({ partition: 'faqs', chunkId: 'chunk-faqs' });
    expect(chunks[0]!.lexicalScore).toBeGreaterThan(0);
    expect(chunks.every((c) => c.tokenCount > 0)).toBe(true);
  });

  it('finds nothing for another bot of the same workspace', async () => {
    const service = new RetrievalService(embedder, store);
    const { chunks } = await service.retrieve(
      { ...SCOPE, botId: '00000000-0000-4000-8000-000000000a03' },
      'how long is the warranty',
      resolveRetrievalSettings(undefined),
    );
    expect(chunks).toEqual([]);
  });
});
