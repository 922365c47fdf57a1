import { Inject, Injectable, Optional } from '@nestjs/common';
import type { RetrievedChunk } from '@cxgenie/contracts';
import type { EmbeddingProvider } from '@cxgenie/embeddings';
import { countTokens } from '@cxgenie/text-processing';
import {
  type StoredChunk,
  VECTOR_STORE,
  type VectorScope,
  type VectorStore,
} from '@cxgenie/vector-store';
import { EMBEDDING_PROVIDER } from '../../core-modules/embeddings/embedding.tokens';
import { fuseRankings } from './fusion';
import type { BotKnowledgeIndex } from './lexical/bot-knowledge-index';
import { BotKnowledgeIndexes } from './lexical/bot-knowledge-indexes';
import { QueryEmbeddingCache } from './memory/query-embedding-cache';
import { withNeighbours } from './neighbours';
import { HotBots } from './warming/hot-bots';
import { questionIdf } from './query/concept-coverage';
import { type SearchQuery, queryOf } from './query/search-query';
import { ownerPreference } from './ranking';
import { type Reranked, rerank } from './rerank';
import {
  CANDIDATES_PER_PARTITION,
  COSINE_DEPTH,
  RERANK_DEPTH,
  type RetrievalSettings,
} from './retrieval-settings';

export interface RetrievalResult {
  /** The best `topK` chunks that fit the context budget, best first, neighbours joined. */
  chunks: RetrievedChunk[];
  /** Every re-ranked candidate, best first, with its features (for the answerability score). */
  candidates: ScoredCandidate[];
  /** The bot's own knowledge index: term statistics for the evidence. */
  knowledge: BotKnowledgeIndex;
  query: SearchQuery;
  tookMs: number;
  /**
   * The question's embedding: the model of the vector leg (its cosines mean something for that
   * model only) and how long embedding took (a cache hit takes ~0).
   */
  embedding: { model: string; ms: number };
}

export interface ScoredCandidate extends Reranked {
  /** Relevance with the owner's boosts: the final order. */
  score: number;
}

/**
 * Finds what a bot knows about a question: embeds it, searches the bot's four partitions at once
 * by vector and by the bot's own full-text index, fuses the two rankings, re-ranks the best
 * candidates, and keeps the best chunks, with their neighbours, that fit the context budget.
 */
@Injectable()
export class RetrievalService {
  private readonly readySpaces = new Map<string, Promise<void>>();

  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
    private readonly indexes: BotKnowledgeIndexes,
    @Optional()
    private readonly queryVectors: QueryEmbeddingCache = new QueryEmbeddingCache(0),
    // Named: a union type leaves no class in the decorator metadata to inject by.
    @Optional() @Inject(HotBots) private readonly hotBots: HotBots | null = null,
  ) {}

  async retrieve(
    scope: VectorScope,
    query: SearchQuery | string,
    settings: RetrievalSettings,
  ): Promise<RetrievalResult> {
    const started = performance.now();
    const search = typeof query === 'string' ? queryOf(query) : query;
    const { space } = this.embeddings;
    await this.spaceReady();
    void this.hotBots?.noteUse({ space, scope });
    const embedStarted = performance.now();
    let embedMs = 0;
    const [[vector], knowledge] = await Promise.all([
      this.queryVectors.embed(this.embeddings, search.text).then((vector) => {
        embedMs = performance.now() - embedStarted;
        return [vector];
      }),
      this.indexes.of(space, scope),
    ]);
    // The bot's chunks are in its index already: the vector leg ranks them from the bot's vectors
    // in memory (or in the store when they do not fit the memory budget).
    const leg = await this.indexes.vectorLeg(
      space,
      scope,
      knowledge,
      vector!,
      CANDIDATES_PER_PARTITION,
      COSINE_DEPTH,
    );
    const lexicalHits = settings.hybridSearch
      ? knowledge.search(search.terms, CANDIDATES_PER_PARTITION).flatMap((hit) => {
          const chunk = knowledge.chunk(hit.id);
          return chunk ? [{ chunk, score: hit.score }] : [];
        })
      : [];
    const fused = fuseRankings(leg.hits, lexicalHits).slice(0, RERANK_DEPTH);
    // Past the vector leg's own candidates, the nearest COSINE_DEPTH chunks of each partition lend
    // their cosines to the re-ranker: a chunk the full-text leg found is judged on its cosine too,
    // not on 0 (it still earns no vector rank in the fusion).
    const lacking = fused.filter((c) => c.cosine === null).map((c) => c.chunk.id);
    if (lacking.length > 0) {
      const cosines = leg.cosines(lacking);
      for (const candidate of fused) candidate.cosine ??= cosines.get(candidate.chunk.id) ?? null;
    }
    const idf = questionIdf(knowledge.index);
    const now = Date.now();
    const known = (term: string) => knowledge.index.documentFrequency(term) > 0;
    const termsOf = (candidate: { chunk: StoredChunk }) => knowledge.termsOf(candidate.chunk);
    const candidates: ScoredCandidate[] = rerank(
      fused,
      search.concepts,
      idf,
      undefined,
      known,
      termsOf,
    )
      .map((candidate) => ({
        ...candidate,
        score: candidate.relevance * ownerPreference(candidate.chunk, settings, now),
      }))
      .sort((a, b) => b.score - a.score);
    const chunks = this.select(candidates, knowledge, settings);
    return {
      chunks,
      candidates,
      knowledge,
      query: search,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      embedding: { model: space.model, ms: Math.round(embedMs) },
    };
  }

  /**
   * The top `topK` that fit the token budget, each with its neighbours when they still fit (else
   * alone). A chunk too big for what is left is skipped: a smaller one below it may still fit.
   */
  private select(
    candidates: readonly ScoredCandidate[],
    knowledge: BotKnowledgeIndex,
    settings: RetrievalSettings,
  ): RetrievedChunk[] {
    const chosen: RetrievedChunk[] = [];
    let used = 0;
    for (const candidate of candidates) {
      if (chosen.length >= settings.topK) break;
      const { chunk } = candidate;
      const tokens = (c: StoredChunk) => (c.tokenCount > 0 ? c.tokenCount : countTokens(c.text));
      const { text: expanded, joined } = withNeighbours(chunk, (source, position) =>
        knowledge.at(source, position),
      );
      // The stored counts of the joined chunks: a little over (their overlap counts twice), never under.
      const own = tokens(chunk);
      const expandedTokens = joined.reduce((sum, n) => sum + tokens(n), own);
      if (used + expandedTokens <= settings.maxContextTokens) {
        used += expandedTokens;
        chosen.push(toRetrievedChunk(candidate, expanded, expandedTokens));
      } else if (used + own <= settings.maxContextTokens) {
        used += own;
        chosen.push(toRetrievedChunk(candidate, candidate.chunk.text, own));
      }
    }
    return chosen;
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

const round = (value: number): number => Math.round(value * 1e6) / 1e6;

export const toRetrievedChunk = (
  candidate: ScoredCandidate,
  context: string,
  tokenCount: number,
): RetrievedChunk => {
  const { chunk } = candidate;
  return {
    chunkId: chunk.id,
    partition: chunk.partition,
    sourceId: chunk.sourceId,
    documentId: chunk.documentId,
    title: chunk.title,
    headingPath: chunk.headingPath,
    position: chunk.position,
    text: chunk.text,
    context,
    tokenCount,
    score: round(candidate.score),
    vectorScore: candidate.cosine === null ? null : round(candidate.cosine),
    lexicalScore: candidate.bm25 === null ? null : round(candidate.bm25),
    updatedAt: new Date(chunk.updatedAt).toISOString(),
  };
};
