import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { KNOWLEDGE_PARTITIONS, type KnowledgePartition } from '@cxgenie/contracts';
import { LocalEmbeddingProvider } from '@cxgenie/embeddings';
import { LanceDbVectorStore, type VectorRecord, type VectorStore } from '@cxgenie/vector-store';
import {
  type PartitionSearch,
  searchPartitions,
} from '../../apps/core-ai/src/modules/retrieval/partition-search';
import { BotKnowledgeIndexes } from '../../apps/core-ai/src/modules/retrieval/lexical/bot-knowledge-indexes';
import { RetrievalService } from '../../apps/core-ai/src/modules/retrieval/retrieval.service';
import { DEFAULT_RETRIEVAL_SETTINGS } from '../../apps/core-ai/src/modules/retrieval/retrieval-settings';
import { type Benchmark, percentile, round } from '../benchmark';
import { SUPPORT_ANSWERS } from '../datasets/support-answers';

/** One large bot: the bar is a 10,000-chunk bot under 200 ms at p95. */
const CHUNKS = Number(process.env.BENCH_RETRIEVAL_CHUNKS ?? 10_000);
const PARTITION_LATENCY_MS = 40;
const LATENCY_ROUNDS = 20;
const SEARCHES = 200;
const EMBED_TEXTS = 2_000;
const WORKSPACE = '00000000-0000-4000-8000-00000000b001';
const BOT = '00000000-0000-4000-8000-00000000b002';
// A typical bot (a few hundred chunks) for the parallel-vs-sequential comparison: there the
// store's round trip, not the scan, dominates, as with a remote Milvus.
const SMALL_BOT = '00000000-0000-4000-8000-00000000b003';
const SMALL_BOT_CHUNKS = 400;
// How a bot's knowledge is typically spread: mostly documents and crawled pages.
const SHARE: Record<KnowledgePartition, number> = {
  documents: 0.6,
  websites: 0.3,
  faqs: 0.05,
  snippets: 0.05,
};

const sentences = SUPPORT_ANSWERS.flatMap((a) => a.text.split(/(?<=[.!?])\s+/)).filter(
  (s) => s.length > 20,
);

/** A chunk-sized text (~150 words) assembled from support prose, different for every i. */
const chunkText = (i: number): string => {
  const parts: string[] = [];
  for (let k = 0; k < 8; k += 1) parts.push(sentences[(i * 7 + k * 13) % sentences.length]!);
  return `Article ${i}. ${parts.join(' ')}`;
};

/** Adds a fixed delay to every search, standing in for a remote store's round trip. */
class DelayedStore implements Pick<VectorStore, 'search'> {
  constructor(
    private readonly inner: VectorStore,
    private readonly delayMs: number,
  ) {}
  async search(...args: Parameters<VectorStore['search']>) {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return this.inner.search(...args);
  }
}

async function seed(
  store: VectorStore,
  embedder: LocalEmbeddingProvider,
  botId: string,
  total: number,
): Promise<void> {
  const { space } = embedder;
  await store.ensureSpace(space);
  const scope = { workspaceId: WORKSPACE, botId };
  const existing = await store.countBySource(space, scope, 'bench-source');
  if (existing >= total) return;
  await store.deleteBySource(space, scope, 'bench-source');
  const now = Date.now();
  const batch = 5_000;
  for (let start = 0; start < total; start += batch) {
    const texts = Array.from({ length: Math.min(batch, total - start) }, (_, j) =>
      chunkText(start + j),
    );
    const vectors = await embedder.embed(texts);
    console.log(`  seeding ${start + texts.length}/${total}`);
    const records: VectorRecord[] = texts.map((text, j) => {
      const i = start + j;
      const share = i / total;
      const partition: KnowledgePartition =
        share < SHARE.documents
          ? 'documents'
          : share < SHARE.documents + SHARE.websites
            ? 'websites'
            : share < 1 - SHARE.snippets
              ? 'faqs'
              : 'snippets';
      return {
        id: `${botId.slice(-4)}:${i}`,
        ...scope,
        partition,
        sourceId: 'bench-source',
        documentId: null,
        chunkHash: `h${i}`,
        title: `Article ${i}`,
        headingPath: '',
        position: i,
        text,
        tokenCount: 200,
        createdAt: now - (i % 400) * 86_400_000,
        updatedAt: now - (i % 400) * 86_400_000,
        vector: vectors[j]!,
      };
    });
    await store.upsert(space, records);
  }
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Retrieval: four partitions at once vs one after another, search latency at scale, embedding speed. */
export const retrieval: Benchmark = {
  name: 'retrieval',
  description: `four partitions parallel vs sequential (+${PARTITION_LATENCY_MS} ms each, a ${SMALL_BOT_CHUNKS}-chunk bot), hybrid search (vectors + the bot's own BM25F index, fusion, re-ranking, neighbours) over ${CHUNKS} chunks of one bot (LanceDB, local embeddings), local embedding throughput`,
  async run() {
    const dir = join(__dirname, '..', '..', '.data', 'bench', 'lancedb');
    mkdirSync(dir, { recursive: true });
    const db = await lancedb.connect(dir);
    const store = new LanceDbVectorStore(db);
    const embedder = new LocalEmbeddingProvider();
    try {
      const embedTexts = Array.from({ length: EMBED_TEXTS }, (_, i) => chunkText(i + 1_000_000));
      const embedMs = await time(() => embedder.embed(embedTexts));

      await seed(store, embedder, SMALL_BOT, SMALL_BOT_CHUNKS);
      const seedMs = await time(() => seed(store, embedder, BOT, CHUNKS));
      console.log(`  seeded ${CHUNKS} chunks in ${round(seedMs / 1000, 1)} s`);
      const { space } = embedder;
      const queries = sentences.slice(0, 50);
      const [queryVector] = await embedder.embed([queries[0]!]);

      const delayed = new DelayedStore(store, PARTITION_LATENCY_MS) as unknown as VectorStore;
      const search: PartitionSearch = {
        space,
        workspaceId: WORKSPACE,
        botId: SMALL_BOT,
        vector: queryVector!,
        topK: 5,
      };
      await searchPartitions(delayed, search, 'parallel');
      const parallel: number[] = [];
      const sequential: number[] = [];
      for (let i = 0; i < LATENCY_ROUNDS; i += 1) {
        parallel.push(await time(() => searchPartitions(delayed, search, 'parallel')));
        sequential.push(await time(() => searchPartitions(delayed, search, 'sequential')));
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

      const service = new RetrievalService(embedder, store, new BotKnowledgeIndexes(store));
      const settings = { ...DEFAULT_RETRIEVAL_SETTINGS };
      const scope = { workspaceId: WORKSPACE, botId: BOT };
      // The first search builds the bot's full-text index (once per change of its knowledge).
      const indexMs = await time(() => service.retrieve(scope, queries[1]!, settings));
      const latencies: number[] = [];
      for (let i = 0; i < SEARCHES; i += 1) {
        latencies.push(
          await time(() => service.retrieve(scope, queries[i % queries.length]!, settings)),
        );
      }
      latencies.sort((a, b) => a - b);
      return {
        parallel_ms: round(mean(parallel)),
        sequential_ms: round(mean(sequential)),
        parallel_speedup: round(mean(sequential) / mean(parallel)),
        search_p50_ms: round(percentile(latencies, 50)),
        search_p95_ms: round(percentile(latencies, 95)),
        search_p99_ms: round(percentile(latencies, 99)),
        full_text_index_build_ms: round(indexMs),
        chunks: CHUNKS,
        partitions: KNOWLEDGE_PARTITIONS.length,
        seed_s: round(seedMs / 1000, 1),
        local_embed_texts_per_s: round(EMBED_TEXTS / (embedMs / 1000), 0),
      };
    } finally {
      db.close();
    }
  },
};
