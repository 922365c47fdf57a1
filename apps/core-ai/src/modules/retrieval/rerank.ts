import { coverageOf } from './query/concept-coverage';
import type { QueryConcept } from './query/search-query';
import { type ChunkTerms, chunkTerms } from './chunk-terms';
import type { Candidate } from './fusion';

/** Each in 0..1: what the local re-ranker weighs. */
export interface RerankFeatures {
  /** The fused rank score, relative to the best candidate's. */
  fused: number;
  /** Share of the query's (IDF-weighted) terms the chunk holds, title and headings included. */
  coverage: number;
  /** The same share within the chunk's title and headings. */
  headingCoverage: number;
  /** The best single sentence's share: the terms close together, not scattered over the chunk. */
  proximity: number;
  /** Cosine similarity (0 when only the full-text leg found the chunk). */
  cosine: number;
  /** BM25F score relative to the best candidate's. */
  bm25: number;
  /**
   * 1 when the chunk opens its document (position 0): a page's opening says what the page is for,
   * so among chunks alike it points at the right page. Chunks that are documents of their own (FAQ
   * entries) all open theirs, and it changes nothing between them.
   */
  lead: number;
  /**
   * 1 / (1 + position): the same reasoning, fading over the page. A manual states what a page is
   * for and how it is used in its first chunks, and the detail later; among chunks alike, the
   * earlier one more often holds the answer (ADR 0054, since measured).
   */
  early: number;
}

export type RerankWeights = Readonly<Record<keyof RerankFeatures, number>>;

/** Tuned on the dev split of `npm run eval:rag` (answer-passage recall and page MRR). */
export const RERANK_WEIGHTS: RerankWeights = {
  fused: 1,
  coverage: 0.6,
  headingCoverage: 0.2,
  proximity: 0.4,
  cosine: 0.3,
  bm25: 0.2,
  lead: 0.15,
  early: 0.2,
};

export interface Reranked extends Candidate {
  features: RerankFeatures;
  /** The re-ranker's score before the owner's boosts. */
  relevance: number;
}

/**
 * The local re-ranker (no model, no key): scores each candidate on term coverage, how close the
 * terms sit (the best sentence), the headings, and both legs' own scores. With an LLM, the
 * answer's model re-ranks instead (see `LlmReranker`).
 */
export function rerank(
  candidates: readonly Candidate[],
  concepts: readonly QueryConcept[],
  idf: (term: string) => number,
  weights: RerankWeights = RERANK_WEIGHTS,
  known?: (term: string) => boolean,
  termsOf: (candidate: Candidate) => ChunkTerms = (candidate) => chunkTerms(candidate.chunk),
): Reranked[] {
  if (candidates.length === 0) return [];
  const share = coverageOf(concepts, idf, known);
  const maxFused = Math.max(...candidates.map((c) => c.fused));
  const maxBm25 = Math.max(0, ...candidates.map((c) => c.bm25 ?? 0));
  return candidates
    .map((candidate) => {
      const { heading, all, sentences } = termsOf(candidate);
      let proximity = 0;
      for (const sentence of sentences) proximity = Math.max(proximity, share(sentence));
      const features: RerankFeatures = {
        fused: maxFused > 0 ? candidate.fused / maxFused : 0,
        coverage: share(all),
        headingCoverage: share(heading),
        proximity,
        cosine: Math.max(0, candidate.cosine ?? 0),
        bm25: maxBm25 > 0 ? (candidate.bm25 ?? 0) / maxBm25 : 0,
        lead: candidate.chunk.position === 0 ? 1 : 0,
        early: 1 / (1 + Math.max(0, candidate.chunk.position)),
      };
      const relevance = (Object.keys(weights) as (keyof RerankFeatures)[]).reduce(
        (sum, key) => sum + weights[key] * features[key],
        0,
      );
      return { ...candidate, features, relevance };
    })
    .sort((a, b) => b.relevance - a.relevance);
}
