import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import * as lancedb from '@lancedb/lancedb';
import { LocalEmbeddingProvider } from '@cxgenie/embeddings';
import { TEST_REDIS_URL } from '@cxgenie/testing';
import { LanceDbVectorStore, type VectorScope, type VectorStore } from '@cxgenie/vector-store';
import { BotKnowledgeIndexes } from '../lexical/bot-knowledge-indexes';
import { HotBots } from './hot-bots';
import { WarmHotBots } from './warm-hot-bots';

const WORKSPACE = randomUUID();
const scopeOf = (): VectorScope => ({ workspaceId: WORKSPACE, botId: randomUUID() });

/** Counts the store's scans of a bot's chunks: a warmed bot's first search scans nothing. */
function counted(store: VectorStore) {
  const calls = { scans: 0 };
  const proxy: VectorStore = Object.create(store) as VectorStore;
  proxy.scanScope = (space, scope) => {
    calls.scans += 1;
    return store.scanScope(space, scope);
  };
  return { proxy, calls };
}

describe('WarmHotBots (real LanceDB and Redis)', () => {
  const embedder = new LocalEmbeddingProvider({ dimensions: 64 });
  const other = new LocalEmbeddingProvider({ dimensions: 32 });
  const [large, small, empty, elsewhere, idle, otherLarge] = [
    scopeOf(),
    scopeOf(),
    scopeOf(),
    scopeOf(),
    scopeOf(),
    scopeOf(),
  ];
  const smallOnes = [scopeOf(), scopeOf(), scopeOf(), scopeOf()];
  let dir: string;
  let db: lancedb.Connection;
  let store: LanceDbVectorStore;
  let redis: Redis;
  let hotBots: HotBots;
  let key: string;

  const seed = async (scope: VectorScope, count: number) => {
    const texts = Array.from({ length: count }, (_, i) => `Answer ${i} about parcels and returns.`);
    const vectors = await embedder.embed(texts);
    await store.upsert(
      embedder.space,
      texts.map((text, i) => ({
        id: `${scope.botId}-${i}`,
        ...scope,
        partition: 'documents' as const,
        sourceId: `${scope.botId}-source`,
        documentId: null,
        chunkHash: `${scope.botId}-h${i}`,
        title: 'Help',
        headingPath: 'Help',
        position: i,
        text,
        tokenCount: 8,
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
        vector: vectors[i]!,
      })),
    );
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxgenie-warm-'));
    db = await lancedb.connect(dir);
    store = new LanceDbVectorStore(db);
    await store.ensureSpace(embedder.space);
    await seed(large, 600);
    await seed(small, 5);
    await seed(otherLarge, 600);
    for (const scope of smallOnes) await seed(scope, 5);
    redis = new Redis(TEST_REDIS_URL);
  });
  beforeEach(async () => {
    key = `test-${randomUUID()}:knowledge:hot-bots`;
    hotBots = new HotBots(redis, key);
    const now = Date.now();
    // Searched lately, the most recent first: the small bot, an empty one, one of another
    // embedding space, the large bot; and one nobody searched for two days.
    await hotBots.noteUse({ space: embedder.space, scope: idle }, now - 2 * 86_400_000);
    await hotBots.noteUse({ space: embedder.space, scope: large }, now - 4_000);
    await hotBots.noteUse({ space: other.space, scope: elsewhere }, now - 3_000);
    await hotBots.noteUse({ space: embedder.space, scope: empty }, now - 2_000);
    await hotBots.noteUse({ space: embedder.space, scope: small }, now - 1_000);
  });
  afterEach(async () => {
    await redis.del(key);
  });
  afterAll(async () => {
    await redis.quit();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("builds the bots searched lately, so a restarted process's first search scans nothing", async () => {
    const { proxy, calls } = counted(store);
    const indexes = new BotKnowledgeIndexes(proxy, { memoryBytes: 64 * 1024 * 1024 });
    const outcome = await new WarmHotBots(hotBots, indexes, embedder).execute(10);
    expect(outcome).toEqual({ warmed: 2, chunks: 605, skipped: 2 });
    expect(indexes.usage()).toMatchObject({ botsWithVectors: 2 });

    const scansAfterWarming = calls.scans;
    expect((await indexes.of(embedder.space, large)).size).toBe(600);
    expect((await indexes.of(embedder.space, small)).size).toBe(5);
    expect(calls.scans).toBe(scansAfterWarming);
    // An empty bot leaves the record; the other space's bot stays for the processes using it.
    expect((await hotBots.recent(10, 0)).map((b) => b.scope)).toEqual([
      small,
      elsewhere,
      large,
      idle,
    ]);
  });

  it('warms no more bots than asked, the most recent first', async () => {
    const indexes = new BotKnowledgeIndexes(store, { memoryBytes: 64 * 1024 * 1024 });
    const outcome = await new WarmHotBots(hotBots, indexes, embedder).execute(1);
    expect(outcome).toEqual({ warmed: 1, chunks: 5, skipped: 0 });
  });

  it('stops when the memory budget is nearly used, so warming evicts nothing it built', async () => {
    // The large bot, searched last (by another process), fills most of the budget once built.
    const indexes = new BotKnowledgeIndexes(store, { memoryBytes: 1_500_000 });
    await new HotBots(redis, key).noteUse({ space: embedder.space, scope: large }, Date.now());
    const outcome = await new WarmHotBots(hotBots, indexes, embedder).execute(10);
    expect(outcome).toMatchObject({ warmed: 1, chunks: 600 });
    expect(indexes.hasRoom()).toBe(false);
    expect(indexes.usage().bots).toBe(1);
  });

  it('counts only bots it warmed against the limit: other spaces and empty bots take no slot', async () => {
    const indexes = new BotKnowledgeIndexes(store, { memoryBytes: 64 * 1024 * 1024 });
    const outcome = await new WarmHotBots(hotBots, indexes, embedder).execute(2);
    expect(outcome).toEqual({ warmed: 2, chunks: 605, skipped: 2 });
  });

  it('keeps the hottest bots it built when the next one would not fit beside them', async () => {
    // Each large bot takes over half the budget: warming the second would evict the first.
    const indexes = new BotKnowledgeIndexes(store, { memoryBytes: 2_400_000 });
    await new HotBots(redis, key).noteUse({ space: embedder.space, scope: otherLarge }, Date.now());
    const { proxy, calls } = counted(store);
    const warming = new BotKnowledgeIndexes(proxy, { memoryBytes: 2_400_000 });
    const outcome = await new WarmHotBots(hotBots, warming, embedder).execute(10);
    expect(outcome).toEqual({ warmed: 2, chunks: 605, skipped: 2 });
    const scans = calls.scans;
    expect((await warming.of(embedder.space, otherLarge)).size).toBe(600);
    expect((await warming.of(embedder.space, small)).size).toBe(5);
    expect(calls.scans).toBe(scans);
    expect(indexes.usage().bots).toBe(0);
  });

  it('stops between two bots once asked to', async () => {
    const indexes = new BotKnowledgeIndexes(store, { memoryBytes: 64 * 1024 * 1024 });
    const stop = new AbortController();
    const warm = indexes.warm.bind(indexes);
    indexes.warm = async (space, scope) => {
      const size = await warm(space, scope);
      stop.abort();
      return size;
    };
    const outcome = await new WarmHotBots(hotBots, indexes, embedder).execute(10, stop.signal);
    expect(outcome).toEqual({ warmed: 1, chunks: 5, skipped: 0 });
    expect(indexes.usage().bots).toBe(1);
  });

  it('gives up within seconds when the record cannot be read, so start-up is not held', async () => {
    const away = new Redis('redis://127.0.0.1:1', { lazyConnect: true });
    away.on('error', () => undefined);
    try {
      const indexes = new BotKnowledgeIndexes(store, { memoryBytes: 64 * 1024 * 1024 });
      const warm = new WarmHotBots(new HotBots(away, key), indexes, embedder);
      await expect(warm.execute(10)).rejects.toThrow(/hot-bots record did not answer/);
    } finally {
      away.disconnect();
    }
  }, 10_000);
  it('keeps a bot warming built when a search joined the build, even past the budget', async () => {
    let releaseScan: (() => void) | null = null;
    let largeScans = 0;
    const proxy: VectorStore = Object.create(store) as VectorStore;
    proxy.scanScope = async (space, scope) => {
      if (scope.botId === large.botId) {
        largeScans += 1;
        if (largeScans === 1) await new Promise<void>((release) => (releaseScan = release));
      }
      return store.scanScope(space, scope);
    };
    const indexes = new BotKnowledgeIndexes(proxy, { memoryBytes: 2_400_000 });
    expect(await indexes.warm(embedder.space, otherLarge)).toBe(600);
    const warming = indexes.warm(embedder.space, large);
    while (!releaseScan) await new Promise((resolve) => setTimeout(resolve, 10));
    const searching = indexes.of(embedder.space, large);
    // The search has asked the store's revision and joined the build held in its scan.
    await new Promise((resolve) => setTimeout(resolve, 200));
    (releaseScan as () => void)();
    expect((await searching).size).toBe(600);
    expect(await warming).toBe(600);
    expect((await indexes.of(embedder.space, large)).size).toBe(600);
    expect(largeScans).toBe(1);
  });

  it('ranks warmed bots coldest first for eviction, behind a bot searched while warming', async () => {
    const [a, b, x, y] = smallOnes as [VectorScope, VectorScope, VectorScope, VectorScope];
    const probe = new BotKnowledgeIndexes(store, { memoryBytes: 64 * 1024 * 1024 });
    await probe.warm(embedder.space, a);
    const perBot = probe.usage().bytes;
    // Room for three of these bots, not four.
    const { proxy, calls } = counted(store);
    const indexes = new BotKnowledgeIndexes(proxy, { memoryBytes: Math.floor(perBot * 3.5) });
    const since = Date.now();
    expect(await indexes.warm(embedder.space, a)).toBe(5);
    expect(await indexes.warm(embedder.space, b)).toBe(5);
    await indexes.of(embedder.space, x);
    // Warming built a (the hottest), then b; x was searched meanwhile.
    indexes.rankWarmed(
      [
        { space: embedder.space, scope: a },
        { space: embedder.space, scope: b },
      ],
      since,
    );
    await indexes.of(embedder.space, y);
    const scans = calls.scans;
    await indexes.of(embedder.space, x);
    await indexes.of(embedder.space, a);
    expect(calls.scans).toBe(scans);
    await indexes.of(embedder.space, b);
    expect(calls.scans).toBe(scans + 1);
  });
});
