import { Inject, Injectable } from '@nestjs/common';
import type { RetrievedChunk } from '@cxgenie/contracts';
import type { EmbeddingProvider } from '@cxgenie/embeddings';
import { Bm25Index, countTokens } from '@cxgenie/text-processing';
import { VECTOR_STORE, type VectorScope, type VectorStore } from '@cxgenie/vector-store';
import { EMBEDDING_PROVIDER } from '../../core-modules/embeddings/embedding.tokens';
import { fitToBudget } from './context-budget';
import { searchPartitions } from './partition-search';
import { type LexicalScorer, rankHits } from './ranking';
import type { RetrievalSettings } from './retrieval-settings';

export interface RetrievalResult {
  /** The chunks that fit the context budget, best first. */
  chunks: RetrievedChunk[];
  /** Every ranked candidate, best first (for search results and diagnostics). */
  ranked: RetrievedChunk[];
  tookMs: number;
  /** The question's embedding: its space and how long it took (a cache hit takes ~0). */
  embedding: { model: string; ms: number };
}

/**
 * For stores without full-text search (Milvus here): BM25 over the vector candidates, so hybrid
 * search still re-orders by exact words, though it cannot find what the vectors missed.
 */
export const bm25OverCandidates: LexicalScorer = (query, candidates) => {
  const index = new Bm25Index();
  for (const candidate of candidates) index.add(candidate.id, candidate.text);
  return index.scoreAll(query);
};

/**
 * Finds what a bot knows about a question: embeds it, searches the bot's four partitions at once,
 * merges and re-ranks, and keeps the best chunks that fit the context budget.
 */
@Injectable()
export class RetrievalService {
  private readonly readySpaces = new Map<string, Promise<void>>();

  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
  ) {}

  async retrieve(
    scope: VectorScope,
    query: string,
    settings: RetrievalSettings,
  ): Promise<RetrievalResult> {
    const started = performance.now();
    const { space } = this.embeddings;
    let embedMs = 0;
    const embedded = this.embeddings.embed([query]).then((vectors) => {
      embedMs = performance.now() - started;
      return vectors;
    });
    const [[vector]] = await Promise.all([embedded, this.spaceReady()]);
    const { vectorHits, lexicalHits } = await searchPartitions(this.store, {
      ...scope,
      space,
      vector: vector!,
      topK: settings.topK,
      text: settings.hybridSearch ? query : null,
    });
    const ranked = rankHits({
      query,
      vectorHits,
      lexicalHits,
      settings,
      now: Date.now(),
      lexicalFallback: bm25OverCandidates,
    });
    const chunks = fitToBudget(ranked, {
      maxTokens: settings.maxContextTokens,
      maxChunks: settings.maxChunks,
      countTokens,
    });
    return {
      chunks,
      ranked,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      embedding: { model: space.model, ms: Math.round(embedMs) },
    };
  }

  /** A bot with no knowledge yet still searches (and finds nothing) instead of failing. */
  private spaceReady(): Promise<void> {
    const { space } = this.embeddings;
    const key = `${space.model}@${space.dimensions}`;
    let ready = this.readySpaces.get(key);
    if (!ready) {
      ready = this.store.ensureSpace(space).catch((error: unknown) => {
        this.readySpaces.delete(key);
        throw error;
      });
      this.readySpaces.set(key, ready);
    }
    return ready;
  }
}
