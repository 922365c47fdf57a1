import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import type { KnowledgePartition } from '@cxgenie/contracts';
import { LocalEmbeddingProvider } from '@cxgenie/embeddings';
import {
  LanceDbVectorStore,
  type StoredChunk,
  type VectorRecord,
  type VectorScope,
  type VectorStore,
} from '@cxgenie/vector-store';
import { fuseRankings } from '../fusion';
import { BotKnowledgeIndexes } from '../lexical/bot-knowledge-indexes';
import { nearestInPartitions } from '../partition-search';
import { questionIdf } from '../query/concept-coverage';
import { queryOf } from '../query/search-query';
import { ownerPreference } from '../ranking';
import { rerank } from '../rerank';
import { RetrievalService } from '../retrieval.service';
import {
  CANDIDATES_PER_PARTITION,
  COSINE_DEPTH,
  RERANK_DEPTH,
  resolveRetrievalSettings,
} from '../retrieval-settings';

const SCOPE: VectorScope = {
  workspaceId: '00000000-0000-4000-8000-000000000d01',
  botId: '00000000-0000-4000-8000-000000000d02',
};
const NOW = 1_760_000_000_000;

// More chunks per partition than COSINE_DEPTH, so some full-text candidates lie beyond the nearest
// COSINE_DEPTH, where no cosine is lent.
const WORDS = [
  'router', 'camera', 'thermostat', 'doorbell', 'reset', 'warranty', 'firmware', 'refund',
  'shipping', 'battery', 'privacy', 'invoice', 'password', 'account', 'delivery', 'subscription',
  'discount', 'schedule', 'backup', 'replication', 'mailbox', 'alias', 'relay', 'queue',
]; // prettier-ignore
const textOf = (i: number) =>
  `${WORDS[i % 24]} ${WORDS[(i * 7) % 24]} and ${WORDS[(i * 11 + 3) % 24]}: ` +
  `Article ${i} explains the ${WORDS[(i * 5 + 1) % 24]} settings and the ${WORDS[(i * 13) % 24]} page.`;

const QUESTIONS = [
  'reset the router password',
  'warranty refund for a camera',
  'firmware backup schedule',
  'mailbox alias relay queue',
  'subscription discount invoice',
  'battery privacy delivery',
];

/** What retrieval did before: the nearest COSINE_DEPTH per partition lend their cosines. */
async function lendingPath(
  store: VectorStore,
  indexes: BotKnowledgeIndexes,
  embedder: LocalEmbeddingProvider,
  question: string,
) {
  const search = queryOf(question);
  const [vector] = await embedder.embed([search.text]);
  const knowledge = await indexes.of(embedder.space, SCOPE);
  const nearest = await nearestInPartitions(store, {
    ...SCOPE,
    space: embedder.space,
    vector: vector!,
    topK: COSINE_DEPTH,
  });
  const cosines = new Map(nearest.map((hit) => [hit.id, hit.score]));
  const taken = new Map<string, number>();
  const vectorHits = nearest.flatMap(({ id, score }) => {
    const chunk = knowledge.chunk(id)!;
    const count = taken.get(chunk.partition) ?? 0;
    if (count >= CANDIDATES_PER_PARTITION) return [];
    taken.set(chunk.partition, count + 1);
    return [{ ...chunk, score }];
  });
  const lexicalHits = knowledge
    .search(search.terms, CANDIDATES_PER_PARTITION)
    .map((hit) => ({ chunk: knowledge.chunk(hit.id)!, score: hit.score }));
  const fused = fuseRankings(vectorHits, lexicalHits).slice(0, RERANK_DEPTH);
  for (const candidate of fused) candidate.cosine ??= cosines.get(candidate.chunk.id) ?? null;
  const settings = resolveRetrievalSettings(undefined);
  const ranked = rerank(
    fused,
    search.concepts,
    questionIdf(knowledge.index),
    undefined,
    (term) => knowledge.index.documentFrequency(term) > 0,
    (candidate) => knowledge.termsOf(candidate.chunk),
  )
    .map((c) => ({ ...c, score: c.relevance * ownerPreference(c.chunk, settings, NOW) }))
    .sort((a, b) => b.score - a.score);
  return { fused, ranked };
}

describe('cosines lent from the scan, against the nearest COSINE_DEPTH', () => {
  const embedder = new LocalEmbeddingProvider({ dimensions: 128 });
  let dir: string;
  let db: lancedb.Connection;
  let store: LanceDbVectorStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxgenie-cosines-'));
    db = await lancedb.connect(dir);
    store = new LanceDbVectorStore(db);
    const chunks: Omit<VectorRecord, 'vector'>[] = Array.from({ length: 420 }, (_, i) => ({
      id: `c-${i}`,
      ...SCOPE,
      partition: (i % 6 === 0 ? 'faqs' : 'documents') as KnowledgePartition,
      sourceId: `source-${Math.floor(i / 30)}`,
      documentId: null,
      chunkHash: `h-${i}`,
      title: `${WORDS[(i * 3) % 24]} help`,
      headingPath: '',
      position: i % 30,
      text: textOf(i),
      tokenCount: 30,
      createdAt: NOW - i * 86_400_000,
      updatedAt: NOW - i * 86_400_000,
    }));
    const vectors = await embedder.embed(chunks.map((c) => `${c.title}\n${c.text}`));
    await store.upsert(
      embedder.space,
      chunks.map((c, i) => ({ ...c, vector: vectors[i]! })),
    );
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => jest.restoreAllMocks());

  it('lends the same cosines, and ranks the same, as the nearest COSINE_DEPTH did', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
    const settings = resolveRetrievalSettings({ topK: 8 });
    const inMemory = new BotKnowledgeIndexes(store, { memoryBytes: 64 * 1024 * 1024 });
    const fromStore = new BotKnowledgeIndexes(store);
    const memoryPath = new RetrievalService(embedder, store, inMemory);
    const storePath = new RetrievalService(embedder, store, fromStore);
    const project = (c: {
      chunk: StoredChunk;
      cosine: number | null;
      vectorRank: number | null;
      lexicalRank: number | null;
      score: number;
    }) => [c.chunk.id, c.cosine, c.vectorRank, c.lexicalRank, c.score];
    let lent = 0;
    let beyond = 0;
    for (const question of QUESTIONS) {
      const before = await lendingPath(store, fromStore, embedder, question);
      const after = await memoryPath.retrieve(SCOPE, question, settings);
      const viaStore = await storePath.retrieve(SCOPE, question, settings);
      expect(after.candidates.map(project)).toEqual(before.ranked.map(project));
      expect(viaStore.candidates.map(project)).toEqual(before.ranked.map(project));
      expect(viaStore.chunks).toEqual(after.chunks);
      for (const candidate of before.fused) {
        if (candidate.vectorRank !== null) continue;
        if (candidate.cosine === null) beyond += 1;
        else lent += 1;
      }
    }
    // Both cases occurred: full-text candidates within the nearest COSINE_DEPTH, and beyond them.
    expect(lent).toBeGreaterThan(0);
    expect(beyond).toBeGreaterThan(0);
  });
});
