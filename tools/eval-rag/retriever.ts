import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import type { RetrievedChunk } from '@cxgenie/contracts';
import { LocalEmbeddingProvider } from '@cxgenie/embeddings';
import { chunkHash, contextualChunkText } from '@cxgenie/text-processing';
import { LanceDbVectorStore, type VectorRecord } from '@cxgenie/vector-store';
import { RetrievalService } from '../../apps/core-ai/src/modules/retrieval/retrieval.service';
import { resolveRetrievalSettings } from '../../apps/core-ai/src/modules/retrieval/retrieval-settings';
import type { CorpusChunk } from './corpus';

/** What the evaluation needs from retrieval: a bot's merged, ranked chunks for one question. */
export type Retriever = (query: string, opts: { hybrid: boolean }) => Promise<RetrievedChunk[]>;

/** Candidates per partition: the bots' default top-k. */
export const TOP_K_PER_PARTITION = 5;

const SCOPE = {
  workspaceId: '00000000-0000-4000-8000-00000000e7a1',
  botId: '00000000-0000-4000-8000-00000000e7a2',
};

export interface EvalRetriever {
  retrieve: Retriever;
  close(): void;
}

/**
 * The real retrieval path, as core-ai runs it with no API keys: the local embedding provider,
 * the embedded LanceDB store (vector and full-text indexes), and core-ai's RetrievalService
 * (four partitions at once, fusion, boosts, the context budget). Only the store's directory is
 * the evaluation's own.
 */
export async function createRetriever(
  corpus: readonly CorpusChunk[],
  dataDir: string,
): Promise<EvalRetriever> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const db = await lancedb.connect(join(dataDir, 'lancedb'));
  const store = new LanceDbVectorStore(db);
  const embedder = new LocalEmbeddingProvider();
  await store.ensureSpace(embedder.space);
  const vectors = await embedder.embed(corpus.map(contextualChunkText));
  const now = Date.now();
  const records: VectorRecord[] = corpus.map((chunk, i) => ({
    id: chunk.id.replace(/[^A-Za-z0-9:_.-]/g, ':'),
    ...SCOPE,
    partition: chunk.partition,
    sourceId: chunk.page,
    documentId: chunk.page,
    chunkHash: chunkHash(chunk.text),
    title: chunk.title,
    headingPath: chunk.headingPath,
    position: chunk.position,
    text: chunk.text,
    tokenCount: chunk.tokenCount,
    createdAt: now,
    updatedAt: now,
    vector: vectors[i]!,
  }));
  await store.upsert(embedder.space, records);
  const service = new RetrievalService(embedder, store);
  return {
    retrieve: async (query, { hybrid }) =>
      (
        await service.retrieve(
          SCOPE,
          query,
          resolveRetrievalSettings(undefined, {
            topK: TOP_K_PER_PARTITION,
            hybridSearch: hybrid,
          }),
        )
      ).chunks,
    close: () => db.close(),
  };
}
