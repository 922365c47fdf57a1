import { randomUUID } from 'node:crypto';
import type { KnowledgePartition } from '@cxgenie/contracts';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import { VectorStoreInputError } from './vector-record.validation';
import type { VectorHit, VectorRecord, VectorScope, VectorStore } from './vector-store.port';

export interface OpenedVectorStore {
  store: VectorStore;
  close(): Promise<void>;
}

let spaces = 0;
/** A fresh space per test: every test gets its own table/collection. */
const freshSpace = (): EmbeddingSpace => ({
  model: `test/suite-${process.pid}-${(spaces += 1)}`,
  dimensions: 4,
});

const newScope = (): VectorScope => ({ workspaceId: randomUUID(), botId: randomUUID() });

function record(
  scope: VectorScope,
  vector: number[],
  overrides: Partial<VectorRecord> = {},
): VectorRecord {
  const now = Date.now();
  return {
    id: randomUUID(),
    ...scope,
    partition: 'documents',
    sourceId: randomUUID(),
    documentId: randomUUID(),
    chunkHash: 'a'.repeat(64),
    title: 'Refund policy',
    headingPath: 'Billing > Refunds',
    position: 0,
    text: 'Refunds are issued within 14 days.',
    tokenCount: 9,
    createdAt: now - 1_000,
    updatedAt: now,
    vector,
    ...overrides,
  };
}

const withoutVector = ({ vector: _vector, ...rest }: VectorRecord): Omit<VectorRecord, 'vector'> =>
  rest;
const ids = (hits: readonly VectorHit[]): string[] => hits.map((hit) => hit.id);

/**
 * The behaviour every VectorStore adapter must have, run against each engine (LanceDB for real,
 * Milvus through its SDK against the fake server).
 */
export function describeVectorStoreBehaviour(open: () => Promise<OpenedVectorStore>): void {
  let opened: OpenedVectorStore;
  let store: VectorStore;

  beforeAll(async () => {
    opened = await open();
    store = opened.store;
  });
  afterAll(() => opened?.close());

  const search = (
    space: EmbeddingSpace,
    scope: VectorScope,
    vector: number[],
    topK = 10,
    partition: KnowledgePartition = 'documents',
  ) => store.search(space, { ...scope, partition, vector, topK });

  it('creates a space idempotently and makes it searchable at once', async () => {
    const space = freshSpace();
    await Promise.all([store.ensureSpace(space), store.ensureSpace(space)]);
    await store.ensureSpace(space);
    await expect(search(space, newScope(), [1, 0, 0, 0])).resolves.toEqual([]);
  });

  it('returns the nearest records first, scored by cosine similarity, with every field intact', async () => {
    const space = freshSpace();
    const scope = newScope();
    const exact = record(scope, [1, 0, 0, 0], { documentId: null, position: 3, tokenCount: 120 });
    const near = record(scope, [0.6, 0.8, 0, 0], { title: "Ünïcödé “quotes” 'single'" });
    const orthogonal = record(scope, [0, 0, 2, 0], { headingPath: '' });
    await store.upsert(space, [orthogonal, near, exact]);

    // A non-unit query: cosine ignores its length.
    const hits = await search(space, scope, [3, 0, 0, 0]);

    expect(ids(hits)).toEqual([exact.id, near.id, orthogonal.id]);
    expect(hits.map((hit) => hit.score)).toEqual([
      expect.closeTo(1, 5),
      expect.closeTo(0.6, 5),
      expect.closeTo(0, 5),
    ]);
    expect(hits[0]).toEqual({ ...withoutVector(exact), score: hits[0].score });
    expect(hits[0].documentId).toBeNull();
    expect(hits[1]).toEqual({ ...withoutVector(near), score: hits[1].score });
    expect(hits[2]).toEqual({ ...withoutVector(orthogonal), score: hits[2].score });
  });

  it('gives the same nearest ids and cosines without the rows', async () => {
    const space = freshSpace();
    const scope = newScope();
    const records = [
      record(scope, [1, 0, 0, 0]),
      record(scope, [0.8, 0.6, 0, 0]),
      record(scope, [0, 1, 0, 0]),
      record(newScope(), [1, 0, 0, 0]),
    ];
    await store.upsert(space, records);
    const query = { ...scope, partition: 'documents' as const, vector: [1, 0, 0, 0], topK: 2 };
    const hits = await store.search(space, query);
    const nearest = await store.nearest(space, query);
    expect(nearest.map((n) => n.id)).toEqual(hits.map((h) => h.id));
    nearest.forEach((n, i) => expect(n.score).toBeCloseTo(hits[i]!.score, 5));
    expect(nearest.map((n) => n.id)).toEqual([records[0]!.id, records[1]!.id]);
  });

  it('returns at most topK hits', async () => {
    const space = freshSpace();
    const scope = newScope();
    await store.upsert(space, [
      record(scope, [1, 0, 0, 0]),
      record(scope, [1, 1, 0, 0]),
      record(scope, [0, 1, 0, 0]),
    ]);
    await expect(search(space, scope, [1, 0, 0, 0], 2)).resolves.toHaveLength(2);
  });

  it('replaces a record upserted again under the same id', async () => {
    const space = freshSpace();
    const scope = newScope();
    const entryId = randomUUID();
    // Ingestion derives chunk ids from the entry: `<entry id>:<chunk index>`.
    const original = record(scope, [1, 0, 0, 0], {
      id: `${entryId}:0`,
      sourceId: entryId,
      text: 'old text',
    });
    await store.upsert(space, [original]);
    const replacement = {
      ...original,
      text: 'new text',
      vector: [0, 1, 0, 0],
      updatedAt: original.updatedAt + 5,
    };
    await store.upsert(space, [replacement]);
    await store.upsert(space, [replacement]);

    const hits = await search(space, scope, [0, 1, 0, 0]);
    expect(hits).toEqual([{ ...withoutVector(replacement), score: expect.closeTo(1, 5) }]);
    await expect(store.countBySource(space, scope, original.sourceId)).resolves.toBe(1);
  });

  it('keeps the last record when one batch names an id twice', async () => {
    const space = freshSpace();
    const scope = newScope();
    const first = record(scope, [1, 0, 0, 0], { text: 'first' });
    await store.upsert(space, [first, { ...first, text: 'second' }]);
    const hits = await search(space, scope, [1, 0, 0, 0]);
    expect(hits.map((hit) => hit.text)).toEqual(['second']);
  });

  it('never returns records of another workspace or another bot, even when they are closer', async () => {
    const space = freshSpace();
    const scope = newScope();
    const otherWorkspace = newScope();
    const otherBotSameWorkspace = { workspaceId: scope.workspaceId, botId: randomUUID() };
    const sameBotOtherWorkspace = { workspaceId: randomUUID(), botId: scope.botId };
    const own = record(scope, [0, 0, 0, 1]);
    const query = [1, 0, 0, 0];
    await store.upsert(space, [
      own,
      record(otherWorkspace, query),
      record(otherBotSameWorkspace, query),
      record(sameBotOtherWorkspace, query),
    ]);

    expect(ids(await search(space, scope, query, 50))).toEqual([own.id]);
    expect(ids(await search(space, newScope(), query, 50))).toEqual([]);
  });

  it('searches one partition of the bot at a time', async () => {
    const space = freshSpace();
    const scope = newScope();
    const faq = record(scope, [1, 0, 0, 0], { partition: 'faqs' });
    const document = record(scope, [0, 1, 0, 0], { partition: 'documents' });
    const snippet = record(scope, [1, 0.1, 0, 0], { partition: 'snippets' });
    await store.upsert(space, [faq, document, snippet]);

    expect(ids(await search(space, scope, [1, 0, 0, 0], 10, 'documents'))).toEqual([document.id]);
    expect(ids(await search(space, scope, [1, 0, 0, 0], 10, 'faqs'))).toEqual([faq.id]);
    expect(ids(await search(space, scope, [1, 0, 0, 0], 10, 'websites'))).toEqual([]);
  });

  it('deletes and counts one source of one bot only', async () => {
    const space = freshSpace();
    const scope = newScope();
    const otherBot = { workspaceId: scope.workspaceId, botId: randomUUID() };
    const sourceId = randomUUID();
    const keptSourceId = randomUUID();
    await store.upsert(space, [
      record(scope, [1, 0, 0, 0], { sourceId, position: 0 }),
      record(scope, [0.9, 0.1, 0, 0], { sourceId, position: 1, partition: 'faqs' }),
      record(scope, [0, 1, 0, 0], { sourceId: keptSourceId }),
      // The same source id under another bot is another bot's data.
      record(otherBot, [1, 0, 0, 0], { sourceId }),
    ]);
    await expect(store.countBySource(space, scope, sourceId)).resolves.toBe(2);
    await expect(store.countBySource(space, otherBot, sourceId)).resolves.toBe(1);
    await expect(store.countBySource(space, newScope(), sourceId)).resolves.toBe(0);

    await store.deleteBySource(space, scope, sourceId);

    await expect(store.countBySource(space, scope, sourceId)).resolves.toBe(0);
    await expect(store.countBySource(space, scope, keptSourceId)).resolves.toBe(1);
    await expect(store.countBySource(space, otherBot, sourceId)).resolves.toBe(1);
    expect((await search(space, scope, [1, 0, 0, 0])).map((hit) => hit.sourceId)).toEqual([
      keptSourceId,
    ]);
    expect(ids(await search(space, otherBot, [1, 0, 0, 0]))).toHaveLength(1);
  });

  it("lists a bot's chunks without vectors, and only that bot's", async () => {
    const space = freshSpace();
    const scope = newScope();
    const otherBot = { workspaceId: scope.workspaceId, botId: randomUUID() };
    const mine = [
      record(scope, [1, 0, 0, 0], { position: 0 }),
      record(scope, [0, 1, 0, 0], { partition: 'faqs', title: 'FAQ' }),
    ];
    await store.upsert(space, [...mine, record(otherBot, [1, 0, 0, 0])]);
    const listed = await store.scanScope(space, scope);
    expect([...listed].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      mine.map(withoutVector).sort((a, b) => a.id.localeCompare(b.id)),
    );
    await expect(store.scanScope(space, newScope())).resolves.toEqual([]);
  });

  it("changes a bot's revision when its chunks change, and only then", async () => {
    const space = freshSpace();
    const scope = newScope();
    const otherBot = { workspaceId: scope.workspaceId, botId: randomUUID() };
    const first = record(scope, [1, 0, 0, 0]);
    await store.upsert(space, [first]);
    const initial = await store.scopeRevision(space, scope);
    await expect(store.scopeRevision(space, scope)).resolves.toBe(initial);
    await store.upsert(space, [record(otherBot, [1, 0, 0, 0])]);
    await expect(store.scopeRevision(space, scope)).resolves.toBe(initial);
    await store.upsert(space, [{ ...first, text: 'Edited.', updatedAt: first.updatedAt + 1 }]);
    const edited = await store.scopeRevision(space, scope);
    expect(edited).not.toBe(initial);
    await store.deleteBySource(space, scope, first.sourceId);
    await expect(store.scopeRevision(space, scope)).resolves.not.toBe(edited);
  });

  it('deletes every chunk of one bot, and nothing of another', async () => {
    const space = freshSpace();
    const scope = newScope();
    const otherBot = { workspaceId: scope.workspaceId, botId: randomUUID() };
    await store.upsert(space, [
      record(scope, [1, 0, 0, 0]),
      record(scope, [1, 0, 0, 0], { partition: 'snippets' }),
      record(otherBot, [1, 0, 0, 0]),
    ]);
    await store.deleteScope(space, scope);
    await expect(store.scanScope(space, scope)).resolves.toEqual([]);
    await expect(store.scanScope(space, otherBot)).resolves.toHaveLength(1);
  });

  it('lists the ids and sources of one bot’s records, and deletes records by id', async () => {
    const space = freshSpace();
    const scope = newScope();
    const otherBot = { workspaceId: scope.workspaceId, botId: randomUUID() };
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await store.upsert(space, [
      record(scope, [1, 0, 0, 0], { id: `${a}:0`, sourceId: a, position: 0 }),
      record(scope, [1, 0, 0, 0], { id: `${a}:1`, sourceId: a, position: 1 }),
      record(scope, [0, 1, 0, 0], { id: `${b}:0`, sourceId: b, partition: 'faqs' }),
      record(otherBot, [0, 0, 1, 0], { id: `${c}:0`, sourceId: c }),
    ]);
    const listed = await store.listRecordKeys(space, scope);
    expect([...listed].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: `${a}:0`, sourceId: a },
        { id: `${a}:1`, sourceId: a },
        { id: `${b}:0`, sourceId: b },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );

    // Another bot's id named under this bot's scope is not touched.
    await store.deleteRecords(space, scope, [`${a}:1`, `${b}:0`, `${c}:0`]);
    expect(await store.listRecordKeys(space, scope)).toEqual([{ id: `${a}:0`, sourceId: a }]);
    expect(await store.listRecordKeys(space, otherBot)).toEqual([{ id: `${c}:0`, sourceId: c }]);
    await store.deleteRecords(space, scope, []);
    await expect(store.listRecordKeys(space, newScope())).resolves.toEqual([]);
  });

  it('stores every record of concurrent upserts from several workers', async () => {
    const space = freshSpace();
    const scope = newScope();
    const sourceId = randomUUID();
    const workers = Array.from({ length: 6 }, (_, worker) =>
      Array.from({ length: 20 }, (_, i) =>
        record(scope, [1, worker, i, 1], { sourceId, position: worker * 100 + i }),
      ),
    );
    await Promise.all(workers.map((batch) => store.upsert(space, batch)));
    await expect(store.countBySource(space, scope, sourceId)).resolves.toBe(120);
  });

  describe('refuses values that could escape the tenant filter', () => {
    const injections = [`x' OR '1'='1`, `x" || bot_id != "`, `x\\" || workspace_id != \\"`];

    it.each(injections)('as a bot id in a search: %s', async (botId) => {
      const space = freshSpace();
      const scope = newScope();
      await store.upsert(space, [record(scope, [1, 0, 0, 0])]);
      await expect(search(space, { ...scope, botId }, [1, 0, 0, 0])).rejects.toThrow(
        VectorStoreInputError,
      );
      await expect(search(space, { ...scope, workspaceId: botId }, [1, 0, 0, 0])).rejects.toThrow(
        VectorStoreInputError,
      );
    });

    it.each(injections)('as a source id in a delete or count: %s', async (sourceId) => {
      const space = freshSpace();
      const scope = newScope();
      const victim = record(scope, [1, 0, 0, 0]);
      await store.upsert(space, [victim]);
      await expect(store.deleteBySource(space, scope, sourceId)).rejects.toThrow(
        VectorStoreInputError,
      );
      await expect(store.countBySource(space, scope, sourceId)).rejects.toThrow(
        VectorStoreInputError,
      );
      await expect(store.countBySource(space, scope, victim.sourceId)).resolves.toBe(1);
    });

    it.each(injections)('as ids of an upserted record: %s', async (value) => {
      const space = freshSpace();
      const scope = newScope();
      for (const overrides of [
        { id: value },
        { botId: value },
        { sourceId: value },
        { documentId: value },
      ])
        await expect(store.upsert(space, [record(scope, [1, 0, 0, 0], overrides)])).rejects.toThrow(
          VectorStoreInputError,
        );
      await expect(search(space, scope, [1, 0, 0, 0])).resolves.toEqual([]);
    });

    it('as a partition', async () => {
      const space = freshSpace();
      await expect(
        search(space, newScope(), [1, 0, 0, 0], 5, `documents' OR '1'='1` as KnowledgePartition),
      ).rejects.toThrow(VectorStoreInputError);
    });
  });

  it('rejects vectors of another dimension', async () => {
    const space = freshSpace();
    const scope = newScope();
    await expect(store.upsert(space, [record(scope, [1, 0, 0])])).rejects.toThrow(
      VectorStoreInputError,
    );
    await expect(search(space, scope, [1, 0, 0, 0, 0])).rejects.toThrow(VectorStoreInputError);
  });
}
