import type { StoredChunk, VectorHit } from '@cxgenie/vector-store';

/** A chunk either leg found, with what each leg said about it. */
export interface Candidate {
  chunk: StoredChunk;
  /** Cosine similarity when the vector leg returned the chunk. */
  cosine: number | null;
  /** BM25F score when the full-text leg returned it. */
  bm25: number | null;
  vectorRank: number | null;
  lexicalRank: number | null;
  /** Reciprocal-rank fusion of the two ranks. */
  fused: number;
}

/*
 * Reciprocal-rank-fusion constant. Cormack et al. used 60 to fuse lists a thousand long; these
 * lists hold a few dozen candidates, where k = 60 would weigh rank 1 and rank 20 almost alike.
 */
export const RRF_K = 10;

/**
 * Fuses the vector and full-text rankings the way reciprocal rank fusion means it: each list is
 * ranked on its own, and a chunk earns 1 / (k + rank) from each list that contains it. A chunk
 * one leg did not return earns nothing from that leg; it is never ranked on the other leg's score.
 */
export function fuseRankings(
  vectorHits: readonly (VectorHit | { chunk: StoredChunk; score: number })[],
  lexicalHits: readonly { chunk: StoredChunk; score: number }[],
): Candidate[] {
  const byId = new Map<string, Candidate>();
  const vector = dedupe(
    vectorHits.map((hit) =>
      'chunk' in hit ? hit : { chunk: withoutScore(hit), score: hit.score },
    ),
  );
  vector.forEach(({ chunk, score }, index) => {
    byId.set(chunk.id, {
      chunk,
      cosine: score,
      bm25: null,
      vectorRank: index + 1,
      lexicalRank: null,
      fused: 1 / (RRF_K + index + 1),
    });
  });
  dedupe(lexicalHits).forEach(({ chunk, score }, index) => {
    const rank = index + 1;
    const seen = byId.get(chunk.id);
    if (seen) {
      seen.bm25 = score;
      seen.lexicalRank = rank;
      seen.fused += 1 / (RRF_K + rank);
    } else {
      byId.set(chunk.id, {
        chunk,
        cosine: null,
        bm25: score,
        vectorRank: null,
        lexicalRank: rank,
        fused: 1 / (RRF_K + rank),
      });
    }
  });
  return [...byId.values()].sort((a, b) => b.fused - a.fused);
}

const withoutScore = ({ score: _score, ...stored }: VectorHit): StoredChunk => stored;

/** Best score per chunk (several partitions may return one chunk), best first. */
function dedupe<T extends { chunk: { id: string }; score: number }>(hits: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const hit of hits) {
    const seen = best.get(hit.chunk.id);
    if (!seen || seen.score < hit.score) best.set(hit.chunk.id, hit);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || (a.chunk.id < b.chunk.id ? -1 : 1));
}
