import type { KnowledgePartition, RetrievedChunk } from '@cxgenie/contracts';
import type { LexicalHit, VectorHit } from '@cxgenie/vector-store';
import type { RetrievalSettings } from './retrieval-settings';

const DAY_MS = 86_400_000;

/** BM25 scores of the candidates for the query, by candidate id. */
export type LexicalScorer = (
  query: string,
  candidates: readonly { id: string; text: string }[],
) => Map<string, number>;

export interface RankingInput {
  query: string;
  /** Nearest chunks by cosine, from every partition. */
  vectorHits: readonly VectorHit[];
  /** BM25 matches from every partition when the store has full-text search, else null. */
  lexicalHits: readonly LexicalHit[] | null;
  settings: RetrievalSettings;
  now: number;
  /** Scores the candidates lexically when the store cannot (hybrid search only). */
  lexicalFallback: LexicalScorer;
}

/*
 * Reciprocal-rank-fusion constant. Cormack et al. used 60 to fuse lists a thousand long; these
 * lists hold a few dozen candidates, where k = 60 would weigh rank 1 and rank 20 almost alike.
 */
const RRF_K = 10;

/** Multiplier in [1, 1 + weight]: halves its bonus every half-life. */
export const recencyFactor = (
  updatedAt: number,
  now: number,
  halfLifeDays: number,
  weight: number,
): number => {
  const ageDays = Math.max(0, now - updatedAt) / DAY_MS;
  return 1 + weight * Math.pow(0.5, ageDays / halfLifeDays);
};

const partitionBoost = (partition: KnowledgePartition, settings: RetrievalSettings): number =>
  partition === 'faqs' ? settings.faqBoost : 1;

interface Candidate {
  hit: VectorHit;
  lexicalScore: number | null;
}

/**
 * Merges the partitions' hits into one ranking. Similarities are comparable across partitions
 * (one embedding space), so without hybrid search the merge is a sort by cosine. With it, the
 * cosine ranking and the BM25 ranking are fused by reciprocal rank (ranks, because the two scores
 * live on unrelated scales), so a chunk that contains the customer's exact words (an error code,
 * a setting's name) rises even when its embedding is not the closest. Boosts then say what the
 * bot owner prefers: FAQs, and fresher knowledge.
 */
export function rankHits(input: RankingInput): RetrievedChunk[] {
  const { settings } = input;
  const candidates = mergeCandidates(input);
  const relevance = settings.hybridSearch
    ? fuseByReciprocalRank(candidates)
    : new Map(candidates.map((c) => [c, c.hit.score]));
  return candidates
    .map((candidate) => {
      const { hit } = candidate;
      const score =
        relevance.get(candidate)! *
        partitionBoost(hit.partition, settings) *
        recencyFactor(
          hit.updatedAt,
          input.now,
          settings.recencyHalfLifeDays,
          settings.recencyWeight,
        );
      return toRetrievedChunk(hit, score, candidate.lexicalScore);
    })
    .sort((a, b) => b.score - a.score || b.vectorScore - a.vectorScore);
}

function mergeCandidates({
  query,
  vectorHits,
  lexicalHits,
  settings,
  lexicalFallback,
}: RankingInput): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const hit of dedupeById(vectorHits)) byId.set(hit.id, { hit, lexicalScore: null });
  if (!settings.hybridSearch) return [...byId.values()];
  for (const hit of lexicalHits ?? []) {
    const seen = byId.get(hit.id);
    if (seen) seen.lexicalScore = Math.max(seen.lexicalScore ?? 0, hit.lexicalScore);
    else byId.set(hit.id, { hit, lexicalScore: hit.lexicalScore });
  }
  const candidates = [...byId.values()];
  if (lexicalHits === null) {
    const scores = lexicalFallback(
      query,
      candidates.map((c) => ({ id: c.hit.id, text: c.hit.text })),
    );
    for (const c of candidates) c.lexicalScore = scores.get(c.hit.id) ?? 0;
  }
  return candidates;
}

function fuseByReciprocalRank(candidates: Candidate[]): Map<Candidate, number> {
  const vectorRank = rankOf(candidates, (c) => c.hit.score);
  const lexicalRank = rankOf(
    candidates.filter((c) => (c.lexicalScore ?? 0) > 0),
    (c) => c.lexicalScore ?? 0,
  );
  return new Map(
    candidates.map((c) => {
      const lexical = lexicalRank.get(c);
      return [
        c,
        1 / (RRF_K + vectorRank.get(c)!) + (lexical === undefined ? 0 : 1 / (RRF_K + lexical)),
      ];
    }),
  );
}

function rankOf(candidates: Candidate[], score: (c: Candidate) => number): Map<Candidate, number> {
  const sorted = [...candidates].sort((a, b) => score(b) - score(a));
  return new Map(sorted.map((c, i) => [c, i + 1]));
}

/** The same chunk can only come back once, whichever partitions returned it. */
const dedupeById = (hits: readonly VectorHit[]): VectorHit[] => {
  const best = new Map<string, VectorHit>();
  for (const hit of hits) {
    const seen = best.get(hit.id);
    if (!seen || seen.score < hit.score) best.set(hit.id, hit);
  }
  return [...best.values()];
};

const round = (value: number): number => Math.round(value * 1e6) / 1e6;

const toRetrievedChunk = (
  hit: VectorHit,
  score: number,
  lexicalScore: number | null,
): RetrievedChunk => ({
  chunkId: hit.id,
  partition: hit.partition,
  sourceId: hit.sourceId,
  documentId: hit.documentId,
  title: hit.title,
  headingPath: hit.headingPath,
  position: hit.position,
  text: hit.text,
  tokenCount: hit.tokenCount,
  score: round(score),
  vectorScore: round(hit.score),
  lexicalScore: lexicalScore === null ? null : round(lexicalScore),
  updatedAt: new Date(hit.updatedAt).toISOString(),
});
