import type { KnowledgePartition, RetrievedChunk } from '@cxgenie/contracts';
import type { VectorHit } from '@cxgenie/vector-store';
import type { RetrievalSettings } from './retrieval-settings';

const DAY_MS = 86_400_000;

/** BM25 scores of the candidates for the query, by candidate id. */
export type LexicalScorer = (
  query: string,
  candidates: readonly { id: string; text: string }[],
) => Map<string, number>;

export interface RankingInput {
  query: string;
  hits: readonly VectorHit[];
  settings: RetrievalSettings;
  now: number;
  lexical: LexicalScorer | null;
}

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

/**
 * Merges the partitions' hits into one ranking. Similarities are comparable across partitions
 * (one embedding space), so the merge is a sort; boosts then say what the bot owner prefers.
 * With hybrid search, BM25 (normalised to the best candidate) is blended in before boosting, so a
 * chunk that contains the customer's exact words (an error code, a product name) rises.
 */
export function rankHits({ query, hits, settings, now, lexical }: RankingInput): RetrievedChunk[] {
  const unique = dedupeById(hits);
  const lexicalScores = settings.hybridSearch && lexical ? lexical(query, unique) : null;
  const bestLexical = lexicalScores ? Math.max(0, ...lexicalScores.values()) : 0;
  const ranked = unique.map((hit) => {
    const lexicalScore = lexicalScores ? (lexicalScores.get(hit.id) ?? 0) : null;
    const relevance =
      lexicalScore !== null && bestLexical > 0
        ? (1 - settings.lexicalWeight) * hit.score +
          settings.lexicalWeight * (lexicalScore / bestLexical)
        : hit.score;
    const score =
      relevance *
      partitionBoost(hit.partition, settings) *
      recencyFactor(hit.updatedAt, now, settings.recencyHalfLifeDays, settings.recencyWeight);
    return toRetrievedChunk(hit, score, lexicalScore);
  });
  return ranked.sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
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
