import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { KNOWLEDGE_PARTITIONS, type KnowledgePartition } from '@cxgenie/contracts';
import { LocalEmbeddingProvider } from '@cxgenie/embeddings';
import {
  LanceDbVectorStore,
  LocalKnowledgeChangeFeed,
  type VectorRecord,
  type VectorScope,
  type VectorStore,
} from '@cxgenie/vector-store';
import { BotKnowledgeIndexes } from '../lexical/bot-knowledge-indexes';
import { RetrievalService } from '../retrieval.service';
import { resolveRetrievalSettings } from '../retrieval-settings';
import { BotVectors } from './bot-vectors';
import { QueryEmbeddingCache } from './query-embedding-cache';

const WORKSPACE = '00000000-0000-4000-8000-000000000c01';
const OTHER_WORKSPACE = '00000000-0000-4000-8000-000000000c02';
const bot = (n: number, workspaceId = WORKSPACE): VectorScope => ({
  workspaceId,
  botId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

// A help centre's worth of support prose: products × topics × phrasings, so that many chunks share
// words and meaning (close cosines, real BM25 competition), plus verbatim duplicates (equal scores).
const PRODUCTS = ['router', 'smart plug', 'security camera', 'thermostat', 'doorbell', 'hub'];
const TOPICS: [string, string][] = [
  [
    'reset',
    'Hold the reset button for ten seconds until the light blinks amber, then set it up again in the app.',
  ],
  [
    'warranty',
    'The warranty covers manufacturing defects for two years from delivery; keep the order number.',
  ],
  [
    'firmware',
    'Firmware updates install overnight; you can also start one from Settings, Device, Update now.',
  ],
  ['wifi', 'It needs a 2.4 GHz network; 5 GHz only networks are not supported during setup.'],
  [
    'refund',
    'Unopened devices can be returned within 30 days for a full refund to the original card.',
  ],
  ['shipping', 'Orders ship within two business days; express delivery is available at checkout.'],
  [
    'battery',
    'The battery lasts about six months; the app warns you when it falls below 15 percent.',
  ],
  ['privacy', 'Recordings are encrypted and kept for 30 days unless you delete them sooner.'],
];
const PHRASINGS = [
  (p: string, t: string, body: string) => `How to ${t} your ${p}. ${body}`,
  (p: string, t: string, body: string) =>
    `${p} ${t}: ${body} Contact support if this does not help.`,
  (p: string, t: string, body: string) => `Question about the ${p} and ${t}? ${body}`,
];

function corpus(scope: VectorScope, prefix: string): Omit<VectorRecord, 'vector'>[] {
  const records: Omit<VectorRecord, 'vector'>[] = [];
  let position = 0;
  for (const product of PRODUCTS)
    for (const [topic, body] of TOPICS)
      PHRASINGS.forEach((phrase, k) => {
        const partition: KnowledgePartition = KNOWLEDGE_PARTITIONS[(position + k) % 4]!;
        position += 1;
        records.push({
          id: `${prefix}-${position}`,
          ...scope,
          partition,
          sourceId: `${prefix}-source-${product.replace(/\s/g, '-')}`,
          documentId: null,
          chunkHash: `${prefix}-h${position}`,
          title: `${product} help`,
          headingPath: `${product} > ${topic}`,
          position,
          text: phrase(product, topic, body),
          tokenCount: 40,
          createdAt: 1_700_000_000_000 + position * 86_400_000,
          updatedAt: 1_700_000_000_000 + position * 86_400_000,
        });
      });
  // Verbatim duplicates in one partition: equal cosines, whose order must be the store's.
  for (let d = 0; d < 6; d += 1) {
    position += 1;
    records.push({ ...records[d * 3]!, id: `${prefix}-dup-${d}`, partition: 'faqs', position });
  }
  return records;
}

const QUESTIONS = [
  'how do I reset my router',
  'router reset button',
  'is the camera covered by warranty',
  'my thermostat will not connect to 5 GHz wifi',
  'can I get a refund for an unopened doorbell',
  'how long does shipping take',
  'battery life of the smart plug',
  'are recordings private',
  'update firmware now',
  'warranty order number',
  'something nobody wrote about at all',
];

/** Counts the store's vector searches and revision checks. */
function counted(store: VectorStore) {
  const calls = { nearest: 0, revision: 0 };
  const proxy: VectorStore = Object.create(store) as VectorStore;
  proxy.nearest = (space, query) => {
    calls.nearest += 1;
    return store.nearest(space, query);
  };
  proxy.scopeRevision = (space, scope) => {
    calls.revision += 1;
    return store.scopeRevision(space, scope);
  };
  return { proxy, calls };
}

describe('retrieval with the bot in memory, against the store path', () => {
  const embedder = new LocalEmbeddingProvider({ dimensions: 256 });
  /** Retrieval through `over` with bots in memory, kept current by `feed`'s announcements. */
  const announcedRetrieval = (over: VectorStore, feed: LocalKnowledgeChangeFeed) =>
    new RetrievalService(
      embedder,
      over,
      new BotKnowledgeIndexes(over, { memoryBytes: 8 * 1024 * 1024, revalidateMs: 60_000 }, feed),
    );
  let dir: string;
  let db: lancedb.Connection;
  let store: LanceDbVectorStore;

  const seed = async (records: Omit<VectorRecord, 'vector'>[]) => {
    const vectors = await embedder.embed(records.map((r) => `${r.title}\n${r.text}`));
    await store.upsert(
      embedder.space,
      records.map((r, i) => ({ ...r, vector: vectors[i]! })),
    );
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxgenie-in-memory-'));
    db = await lancedb.connect(dir);
    store = new LanceDbVectorStore(db);
    // The bot under test among others of its workspace and another workspace, written in batches
    // (several fragments, interleaved rows) as ingestion does.
    await seed(corpus(bot(2), 'b2'));
    const own = corpus(bot(1), 'b1');
    await seed(own.slice(0, 60));
    await seed(corpus(bot(3, OTHER_WORKSPACE), 'b3'));
    await seed(own.slice(60));
  });

  // Recency is part of the score: both paths rank at the same instant.
  const frozenNow = () => jest.spyOn(Date, 'now').mockReturnValue(1_760_000_000_000);
  afterEach(() => jest.restoreAllMocks());

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const project = (result: Awaited<ReturnType<RetrievalService['retrieve']>>) => ({
    chunks: result.chunks,
    candidates: result.candidates.map((c) => ({
      id: c.chunk.id,
      cosine: c.cosine,
      bm25: c.bm25,
      vectorRank: c.vectorRank,
      lexicalRank: c.lexicalRank,
      score: c.score,
    })),
  });

  it('returns the same chunks, candidates and scores as the store path, without asking the store for vectors', async () => {
    frozenNow();
    const storePath = new RetrievalService(embedder, store, new BotKnowledgeIndexes(store));
    const { proxy, calls } = counted(store);
    const memoryPath = new RetrievalService(
      embedder,
      proxy,
      new BotKnowledgeIndexes(proxy, { memoryBytes: 64 * 1024 * 1024 }),
      new QueryEmbeddingCache(100),
    );
    let compared = 0;
    for (const hybridSearch of [true, false])
      for (const question of QUESTIONS) {
        const settings = resolveRetrievalSettings({ topK: 8 }, { hybridSearch });
        const expected = project(await storePath.retrieve(bot(1), question, settings));
        const actual = project(await memoryPath.retrieve(bot(1), question, settings));
        expect(actual).toEqual(expected);
        if (expected.chunks.length > 0) compared += 1;
      }
    expect(compared).toBeGreaterThan(QUESTIONS.length);
    expect(calls.nearest).toBe(0);
  });

  it('ties keep the store order: duplicates score alike and come out in the same order', async () => {
    const { proxy } = counted(store);
    const indexes = new BotKnowledgeIndexes(proxy, { memoryBytes: 64 * 1024 * 1024 });
    const knowledge = await indexes.of(embedder.space, bot(1));
    const [vector] = await embedder.embed(['router reset']);
    const inMemory = await indexes.nearest(embedder.space, bot(1), knowledge, vector!, 20);
    const fromStore = await new BotKnowledgeIndexes(store).nearest(
      embedder.space,
      bot(1),
      knowledge,
      vector!,
      20,
    );
    expect(inMemory).toEqual(fromStore);
    const scores = inMemory.map((h) => h.score);
    expect(new Set(scores).size).toBeLessThan(scores.length);
  });

  it('keeps a bot over its share of the memory budget in the store, with the same results', async () => {
    frozenNow();
    const { proxy, calls } = counted(store);
    const small = BotVectors.bytesFor(10, embedder.space.dimensions);
    const tight = new RetrievalService(
      embedder,
      proxy,
      new BotKnowledgeIndexes(proxy, { memoryBytes: small }),
    );
    const storePath = new RetrievalService(embedder, store, new BotKnowledgeIndexes(store));
    const settings = resolveRetrievalSettings(undefined);
    expect(project(await tight.retrieve(bot(1), QUESTIONS[0]!, settings))).toEqual(
      project(await storePath.retrieve(bot(1), QUESTIONS[0]!, settings)),
    );
    expect(calls.nearest).toBe(KNOWLEDGE_PARTITIONS.length);
  });

  it('drops the least recently used bot when the budget is spent', async () => {
    const perBot = 200 * 1024;
    const indexes = new BotKnowledgeIndexes(store, { memoryBytes: 4 * perBot });
    await indexes.of(embedder.space, bot(1));
    const one = indexes.usage();
    expect(one).toMatchObject({ bots: 1, botsWithVectors: 1 });
    expect(one.bytes).toBeGreaterThan(BotVectors.bytesFor(150, embedder.space.dimensions));
    const budget = Math.ceil(one.bytes * 1.5);
    const tight = new BotKnowledgeIndexes(store, { memoryBytes: budget });
    await tight.of(embedder.space, bot(1));
    await tight.of(embedder.space, bot(2));
    expect(tight.usage().bots).toBe(1);
    expect(tight.usage().bytes).toBeLessThanOrEqual(budget);
  });

  describe('with a change feed', () => {
    const scope = bot(7);
    const record = (id: string, text: string, vector: number[]): VectorRecord => ({
      id,
      ...scope,
      partition: 'faqs',
      sourceId: 'feed-source',
      documentId: null,
      chunkHash: id,
      title: 'Gift cards',
      headingPath: '',
      position: Number(id.slice(-1)),
      text,
      tokenCount: 10,
      createdAt: 1,
      updatedAt: Date.now(),
      vector,
    });

    it('asks the store nothing per search until a change is announced for the workspace', async () => {
      const feed = new LocalKnowledgeChangeFeed();
      const { proxy, calls } = counted(store);
      const retrieval = announcedRetrieval(proxy, feed);
      const settings = resolveRetrievalSettings(undefined);
      const [v1, v2] = await embedder.embed([
        'Gift cards never expire.',
        'Gift cards work online.',
      ]);
      await store.upsert(embedder.space, [record('gift-1', 'Gift cards never expire.', v1!)]);
      await retrieval.retrieve(scope, 'gift cards', settings);
      const afterFirst = calls.revision;
      for (let i = 0; i < 5; i += 1) await retrieval.retrieve(scope, 'gift cards', settings);
      expect(calls.revision).toBe(afterFirst);
      expect(calls.nearest).toBe(0);

      await store.upsert(embedder.space, [record('gift-2', 'Gift cards work online.', v2!)]);
      // Another workspace's change leaves this bot trusted.
      feed.publish({ space: `${embedder.space.model}@256`, workspaceId: OTHER_WORKSPACE });
      expect((await retrieval.retrieve(scope, 'gift cards', settings)).chunks).toHaveLength(1);
      feed.publish({ space: `${embedder.space.model}@256`, workspaceId: WORKSPACE });
      const { chunks } = await retrieval.retrieve(scope, 'gift cards', settings);
      expect(chunks.map((c) => c.chunkId).sort()).toEqual(['gift-1', 'gift-2']);
      expect(calls.revision).toBe(afterFirst + 1);
    });

    it('sees a change it was never told about once revalidateMs has passed, or after the feed reconnects', async () => {
      // The clock is the test's: a slow machine must not pass the interval by itself.
      let now = Date.now();
      jest.spyOn(Date, 'now').mockImplementation(() => now);
      const feed = new LocalKnowledgeChangeFeed();
      const retrieval = announcedRetrieval(store, feed);
      const settings = resolveRetrievalSettings(undefined);
      const ids = async () =>
        (await retrieval.retrieve(scope, 'gift cards', settings)).chunks
          .map((c) => c.chunkId)
          .sort();
      const before = await ids();
      const [v3, v4] = await embedder.embed(['Gift cards can be topped up.', 'Gift card balance.']);
      await store.upsert(embedder.space, [record('gift-3', 'Gift cards can be topped up.', v3!)]);
      expect(await ids()).toEqual(before);
      now += 59_000;
      expect(await ids()).toEqual(before);
      now += 2_000;
      expect(await ids()).toEqual([...before, 'gift-3'].sort());

      await store.upsert(embedder.space, [record('gift-4', 'Gift card balance.', v4!)]);
      expect(await ids()).not.toContain('gift-4');
      feed.publish(null);
      expect(await ids()).toContain('gift-4');
    });

    it('checks a bot searched past half of revalidateMs behind its searches, never past all of it', async () => {
      let now = Date.now();
      jest.spyOn(Date, 'now').mockImplementation(() => now);
      // The store's revision answers only when the test lets it: a search that waited for it
      // would not finish.
      const held: (() => void)[] = [];
      let holding = false;
      const proxy: VectorStore = Object.create(store) as VectorStore;
      proxy.scopeRevision = async (space, botScope) => {
        if (holding) await new Promise<void>((release) => held.push(release));
        return store.scopeRevision(space, botScope);
      };
      const feed = new LocalKnowledgeChangeFeed();
      const retrieval = announcedRetrieval(proxy, feed);
      const settings = resolveRetrievalSettings(undefined);
      // The chunks the search was answered from, whether or not they made its top K.
      const known = async (id: string) =>
        (await retrieval.retrieve(scope, 'gift cards', settings)).knowledge.chunk(id) !== undefined;
      // Polls on the real clock (Date.now is the test's here).
      const settled = async (check: () => boolean | Promise<boolean>) => {
        for (let i = 0; i < 250 && !(await check()); i += 1)
          await new Promise((resolve) => setTimeout(resolve, 20));
        return check();
      };
      const [v5, v6] = await embedder.embed(['Gift cards as presents.', 'Gift card refunds.']);
      expect(await known('gift-5')).toBe(false);
      await store.upsert(embedder.space, [record('gift-5', 'Gift cards as presents.', v5!)]);
      holding = true;
      now += 29_000;
      expect(await known('gift-5')).toBe(false);
      expect(held).toHaveLength(0);
      now += 2_000;
      // Past half the interval: answered from memory while the store is asked behind it.
      expect(await known('gift-5')).toBe(false);
      expect(await known('gift-5')).toBe(false);
      expect(held).toHaveLength(1);
      held.shift()!();
      expect(await settled(() => known('gift-5'))).toBe(true);

      // Past the whole interval the search itself waits for the store, as before.
      await store.upsert(embedder.space, [record('gift-6', 'Gift card refunds.', v6!)]);
      now += 61_000;
      let answered = false;
      const waiting = known('gift-6').then((found) => {
        answered = true;
        return found;
      });
      expect(await settled(() => held.length === 1)).toBe(true);
      expect(answered).toBe(false);
      held.shift()!();
      expect(await waiting).toBe(true);
    });
  });

  it('asks the store behind searches once a quarter interval while it fails, not per search', async () => {
    let now = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    let failing = false;
    let revisions = 0;
    const proxy: VectorStore = Object.create(store) as VectorStore;
    proxy.scopeRevision = async (space, botScope) => {
      revisions += 1;
      if (failing) throw new Error('store unreachable');
      return store.scopeRevision(space, botScope);
    };
    const feed = new LocalKnowledgeChangeFeed();
    const retrieval = announcedRetrieval(proxy, feed);
    const settings = resolveRetrievalSettings(undefined);
    const search = () => retrieval.retrieve(bot(1), 'router reset', settings);
    await search();
    const before = revisions;
    failing = true;
    now += 31_000;
    for (let i = 0; i < 20; i += 1) await search();
    await new Promise((resolve) => setImmediate(resolve));
    expect(revisions - before).toBe(1);
    now += 15_000;
    await search();
    expect(revisions - before).toBe(2);
  });

  it('embeds a question once per space and normalised text', async () => {
    let embedded = 0;
    const counting = {
      space: embedder.space,
      embed: (texts: readonly string[]) => {
        embedded += texts.length;
        return embedder.embed(texts);
      },
    };
    const cache = new QueryEmbeddingCache(2);
    const a = await cache.embed(counting, 'reset  my router ');
    expect(await cache.embed(counting, ' reset my router')).toBe(a);
    expect(embedded).toBe(1);
    await cache.embed(
      { ...counting, space: { model: 'other', dimensions: 256 } },
      'reset my router',
    );
    expect(embedded).toBe(2);
    await cache.embed(counting, 'third question');
    await cache.embed(counting, 'reset my router');
    expect(embedded).toBe(4);
  });
});
