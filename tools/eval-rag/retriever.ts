import type { RetrievedChunk } from '@cxgenie/contracts';
import { LocalEmbeddingProvider } from '@cxgenie/embeddings';
import type { CorpusChunk } from './corpus';
import { InMemoryKnowledgeIndex } from './in-memory-knowledge-index';

/** What the evaluation needs from retrieval: a bot's merged, ranked chunks for one question. */
export type Retriever = (query: string, opts: { hybrid: boolean }) => Promise<RetrievedChunk[]>;

/** Candidates per partition (the bots' default top-k) and chunks kept after merging. */
export const TOP_K_PER_PARTITION = 5;
export const MERGED_LIMIT = 8;

/**
 * The one place the evaluation's retrieval is assembled: local embeddings over an exact in-memory
 * index. Swap this body for core-ai's RetrievalService over LanceDB to evaluate the real path.
 */
export async function createRetriever(corpus: readonly CorpusChunk[]): Promise<Retriever> {
  const index = await InMemoryKnowledgeIndex.build(new LocalEmbeddingProvider(), corpus);
  return (query, { hybrid }) =>
    index.search(query, { hybrid, topK: TOP_K_PER_PARTITION, limit: MERGED_LIMIT });
}
