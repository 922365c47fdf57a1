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

/** Hybrid search re-ranks a wider pool than it returns, so BM25 has something to promote. */
const HYBRID_POOL_FACTOR = 2;

export interface RetrievalResult {
  /** The chunks that fit the context budget, best first. */
  chunks: RetrievedChunk[];
  /** Every ranked candidate, best first (for search results and diagnostics). */
  ranked: RetrievedChunk[];
  tookMs: number;
}

/** BM25 over the candidate pool: document frequencies come from what the vectors found. */
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
    const [[vector]] = await Promise.all([this.embeddings.embed([query]), this.spaceReady()]);
    const hits = await searchPartitions(this.store, {
      ...scope,
      space,
      vector: vector!,
      topK: settings.hybridSearch ? settings.topK * HYBRID_POOL_FACTOR : settings.topK,
    });
    const ranked = rankHits({
      query,
      hits,
      settings,
      now: Date.now(),
      lexical: bm25OverCandidates,
    });
    const chunks = fitToBudget(ranked, {
      maxTokens: settings.maxContextTokens,
      maxChunks: settings.maxChunks,
      countTokens,
    });
    return { chunks, ranked, tookMs: Math.round((performance.now() - started) * 100) / 100 };
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
