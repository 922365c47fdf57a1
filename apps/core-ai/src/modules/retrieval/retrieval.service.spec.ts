import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import type { KnowledgePartition } from '@cxgenie/contracts';
import { type EmbeddingProvider, LocalEmbeddingProvider } from '@cxgenie/embeddings';
import { LanceDbVectorStore, type VectorRecord, type VectorStore } from '@cxgenie/vector-store';
import { BotKnowledgeIndexes } from './lexical/bot-knowledge-indexes';
import { RetrievalService } from './retrieval.service';
import { resolveRetrievalSettings } from './retrieval-settings';

const WORKSPACE = '00000000-0000-4000-8000-000000000a01';
const scopeOf = (bot: number) => ({
  workspaceId: WORKSPACE,
  botId: `00000000-0000-4000-8000-${String(bot).padStart(12, '0')}`,
});
const SCOPE = scopeOf(1);

let ids = 0;
function record(
  scope: { workspaceId: string; botId: string },
  text: string,
  vector: number[],
  extra: Partial<VectorRecord> = {},
): VectorRecord {
  ids += 1;
  return {
    id: `chunk-${ids}`,
    ...scope,
    partition: 'documents',
    sourceId: `source-${ids}`,
    documentId: null,
    chunkHash: `hash-${ids}`,
    title: 'Help',
    headingPath: '',
    position: 0,
    text,
    tokenCount: 20,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    vector,
    ...extra,
  };
}

/** Counts searches in flight around a real store; each search is held long enough to overlap. */
function instrumented(store: VectorStore, holdMs: number) {
  const seen = { inFlight: 0, maxInFlight: 0, calls: 0 };
  const proxy: VectorStore = Object.create(store) as VectorStore;
  proxy.nearest = async (space, query) => {
    seen.calls += 1;
    seen.inFlight += 1;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      return await store.nearest(space, query);
    } finally {
      seen.inFlight -= 1;
    }
  };
  return { proxy, seen };
}

/** An embedding model whose vectors the test chooses: geometry without guessing. */
class FixedEmbeddings implements EmbeddingProvider {
  readonly space = { model: 'test/fixed', dimensions: 4 };
  constructor(private readonly vectors: Record<string, number[]>) {}
  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((text) => this.vectors[text] ?? [0, 0, 0, 1]);
  }
}

describe('RetrievalService over LanceDB', () => {
  let dir: string;
  let db: lancedb.Connection;
  let store: LanceDbVectorStore;
  const embedder = new LocalEmbeddingProvider({ dimensions: 256 });
  const service = (over: VectorStore = store, embeddings: EmbeddingProvider = embedder) =>
    new RetrievalService(embeddings, over, new BotKnowledgeIndexes(over));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxgenie-retrieval-'));
    db = await lancedb.connect(dir);
    store = new LanceDbVectorStore(db);
    const texts: Record<KnowledgePartition, string> = {
      documents: 'The warranty covers manufacturing defects for two years from delivery.',
      websites: 'Our stores open at 9am and close at 6pm from Monday to Saturday.',
      faqs: 'How long is the warranty? Two years for every product we sell.',
      snippets: 'Warranty claims need the order number and a photo of the defect.',
    };
    const vectors = await embedder.embed(Object.values(texts));
    await store.upsert(
      embedder.space,
      (Object.keys(texts) as KnowledgePartition[]).map((partition, i) =>
        record(SCOPE, texts[partition], vectors[i]!, { partition, title: partition }),
      ),
    );
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('searches the four partitions at the same time, not one after another', async () => {
    const { proxy, seen } = instrumented(store, 50);
    const { chunks } = await service(proxy).retrieve(
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

  it('ranks the FAQ first, with the full-text leg fused in when hybrid search is on', async () => {
    const { chunks } = await service().retrieve(
      SCOPE,
      'how long is the warranty',
      resolveRetrievalSettings(undefined),
    );
    expect(chunks[0]).toMatchObject({ partition: 'faqs' });
    expect(chunks[0]!.lexicalScore).toBeGreaterThan(0);
    expect(chunks.every((c) => c.tokenCount > 0 && c.context.includes(c.text))).toBe(true);
  });

  it('returns exactly the top k chunks asked for', async () => {
    const settings = resolveRetrievalSettings({ topK: 2 });
    const { chunks } = await service().retrieve(SCOPE, 'warranty defects', settings);
    expect(chunks).toHaveLength(2);
    const { chunks: one } = await service().retrieve(
      SCOPE,
      'warranty defects',
      resolveRetrievalSettings({ topK: 4 }, { topK: 1 }),
    );
    expect(one).toHaveLength(1);
  });

  it('finds nothing for another bot of the same workspace', async () => {
    const { chunks } = await service().retrieve(
      scopeOf(99),
      'how long is the warranty',
      resolveRetrievalSettings(undefined),
    );
    expect(chunks).toEqual([]);
  });

  it('keeps the best cosine in the top 5 when five other chunks match more of the words', async () => {
    // The case: five chunks match the words better but are far in meaning (the vector
    // search does not return them); the answer has the best cosine and some of the words.
    const bot = scopeOf(2);
    const query = 'reset router password';
    const embeddings = new FixedEmbeddings({ [query]: [1, 0, 0, 0] });
    const answer = record(
      bot,
      'To reset the router, hold the button on the back for ten seconds.',
      [0.9, 0.44, 0, 0],
    );
    const wordy = [1, 2, 3, 4, 5].map((n) =>
      record(
        bot,
        `Router password reset note ${n}: the router password can be reset.`,
        [0.2, 0.98, 0, 0],
      ),
    );
    // More near chunks than the vector leg takes: the wordy ones are past its candidates.
    const near = Array.from({ length: 45 }, (_, n) =>
      record(bot, `Unrelated page ${n}.`, [0.5, 0, 0.86, 0]),
    );
    await store.upsert(embeddings.space, [answer, ...wordy, ...near]);
    const { chunks, candidates } = await service(store, embeddings).retrieve(
      bot,
      query,
      resolveRetrievalSettings({ topK: 5 }),
    );
    expect(chunks.map((c) => c.chunkId)).toContain(answer.id);
    // The full-text-only chunks were never given a vector rank, but the re-ranker reads their
    // true cosine (0.2), not 0 for a chunk the vector leg did not return.
    const wordyIds = new Set(wordy.map((w) => w.id));
    const found = candidates.filter((c) => wordyIds.has(c.chunk.id));
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) {
      expect(c.vectorRank).toBeNull();
      expect(c.cosine).toBeCloseTo(0.2, 2);
      expect(c.features.cosine).toBeCloseTo(0.2, 2);
    }
  });

  it('re-ranks a deep pool: a passage far down the full-text leg can still be chosen', async () => {
    // 50 fused candidates held the answer passage for 88 % of the dev questions, 30 fewer (ADR
    // 0054). Here the one passage that holds every term together is the 36th of the full-text
    // leg (its length dilutes its BM25) and in none of the vector leg's.
    const bot = scopeOf(4);
    const query = 'rotate the archive logs';
    const embeddings = new FixedEmbeddings({ [query]: [1, 0, 0, 0] });
    const answer = record(
      bot,
      `${'Background. '.repeat(200)}To rotate the logs of the archive, run the rotate command.`,
      [-0.1, 1, 0, 0],
    );
    const partial = Array.from({ length: 30 }, (_, n) =>
      record(bot, `Archive logs note ${n}: the archive keeps logs.`, [0.05, 1, 0, 0]),
    );
    // Half of them say "rotate" too: the word alone does not lift the long passage.
    const near = Array.from({ length: 10 }, (_, n) =>
      record(
        bot,
        n < 5 ? `Unrelated page ${n}: rotate tyres.` : `Unrelated page ${n}.`,
        [0.9, 0.44, 0, 0],
      ),
    );
    await store.upsert(embeddings.space, [answer, ...partial, ...near]);
    const { chunks, candidates } = await service(store, embeddings).retrieve(
      bot,
      query,
      resolveRetrievalSettings({ topK: 10 }),
    );
    const found = candidates.find((c) => c.chunk.id === answer.id);
    expect(found?.lexicalRank).toBeGreaterThan(30);
    expect(found?.vectorRank).toBeNull();
    expect(chunks.map((c) => c.chunkId)).toContain(answer.id);
  });

  it("ranks a bot's knowledge the same whatever other bots upload or delete", async () => {
    const bot = scopeOf(3);
    const other = scopeOf(4);
    const texts = [
      'Refunds are paid within five days to the original card.',
      'Refund requests for annual plans are accepted within 30 days.',
      'Invoices list the refund once it is paid.',
    ];
    const vectors = await embedder.embed(texts);
    await store.upsert(
      embedder.space,
      texts.map((text, i) => record(bot, text, vectors[i]!)),
    );
    const settings = resolveRetrievalSettings(undefined);
    const ranking = async () =>
      (await service().retrieve(bot, 'refund annual plan', settings)).chunks.map((c) => [
        c.chunkId,
        c.lexicalScore,
        c.score,
      ]);
    const before = await ranking();
    // Another tenant uploads many chunks full of the same words, then deletes its bot.
    const flood = Array.from({ length: 60 }, (_, i) => `Refund ${i}: annual plan refund policy.`);
    const floodVectors = await embedder.embed(flood);
    await store.upsert(
      embedder.space,
      flood.map((text, i) => record(other, text, floodVectors[i]!)),
    );
    expect(await ranking()).toEqual(before);
    await store.deleteScope(embedder.space, other);
    expect(await ranking()).toEqual(before);
  });

  it('sees its own new knowledge at once', async () => {
    const bot = scopeOf(5);
    const indexes = new BotKnowledgeIndexes(store);
    const retrieval = new RetrievalService(embedder, store, indexes);
    const settings = resolveRetrievalSettings(undefined);
    expect((await retrieval.retrieve(bot, 'gift cards', settings)).chunks).toEqual([]);
    const [vector] = await embedder.embed(['Gift cards never expire.']);
    await store.upsert(embedder.space, [record(bot, 'Gift cards never expire.', vector!)]);
    const { chunks } = await retrieval.retrieve(bot, 'gift cards', settings);
    expect(chunks.map((c) => c.text)).toEqual(['Gift cards never expire.']);
    expect(chunks[0]!.lexicalScore).toBeGreaterThan(0);
  });
});
