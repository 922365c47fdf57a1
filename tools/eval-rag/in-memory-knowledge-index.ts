import {
  KNOWLEDGE_PARTITIONS,
  type KnowledgePartition,
  type RetrievedChunk,
} from '@cxgenie/contracts';
import type { EmbeddingProvider } from '@cxgenie/embeddings';
import { Bm25Index, contextualChunkText } from '@cxgenie/text-processing';
import type { CorpusChunk } from './corpus';

const EVAL_UPDATED_AT = '2024-01-01T00:00:00.000Z';
/*
 * Reciprocal-rank-fusion constant. Cormack et al. (2009) used 60 to fuse lists a thousand long;
 * here each list holds a few dozen candidates, and k = 60 would weigh rank 1 (1/61) and rank 20
 * (1/80) almost alike. k = 10 keeps the top of each list in charge.
 */
const RRF_K = 10;

interface Partition {
  chunks: CorpusChunk[];
  vectors: Float64Array[];
  bm25: Bm25Index;
}

export interface SearchOptions {
  hybrid: boolean;
  /** Candidates per partition and per ranking, before merging. */
  topK: number;
  /** Chunks returned after merging the partitions. */
  limit: number;
}

/**
 * Brute-force cosine search and BM25 over the four partitions of one bot, in memory: a stand-in
 * for the vector store that ranks exactly (no ANN approximation), so the figures measure the
 * embedder, the chunking and the fusion alone.
 */
export class InMemoryKnowledgeIndex {
  private readonly partitions = new Map<KnowledgePartition, Partition>();

  private constructor(private readonly embedder: EmbeddingProvider) {}

  static async build(
    embedder: EmbeddingProvider,
    chunks: readonly CorpusChunk[],
  ): Promise<InMemoryKnowledgeIndex> {
    const index = new InMemoryKnowledgeIndex(embedder);
    for (const partition of KNOWLEDGE_PARTITIONS) {
      index.partitions.set(partition, { chunks: [], vectors: [], bm25: new Bm25Index() });
    }
    const texts = chunks.map(contextualChunkText);
    const vectors = await embedder.embed(texts);
    chunks.forEach((chunk, i) => {
      const partition = index.partitions.get(chunk.partition)!;
      partition.chunks.push(chunk);
      partition.vectors.push(Float64Array.from(vectors[i]!));
      partition.bm25.add(chunk.id, texts[i]!);
    });
    return index;
  }

  async search(query: string, options: SearchOptions): Promise<RetrievedChunk[]> {
    const [queryVector] = await this.embedder.embed([query]);
    const candidates = new Map<string, Candidate>();
    for (const [name, partition] of this.partitions) {
      const cosines = partition.vectors.map((vector) => dot(vector, queryVector!));
      const byVector = topIndexes(cosines, options.topK);
      for (const i of byVector) addCandidate(candidates, name, partition.chunks[i]!, cosines[i]!);
      if (!options.hybrid) continue;
      const lexical = partition.bm25.scoreAll(query);
      const byId = new Map(partition.chunks.map((chunk, i) => [chunk.id, i]));
      for (const hit of partition.bm25.score(query, options.topK)) {
        const i = byId.get(hit.id)!;
        addCandidate(candidates, name, partition.chunks[i]!, cosines[i]!);
      }
      for (const c of candidates.values()) {
        if (c.partition === name) c.lexicalScore = lexical.get(c.chunk.id) ?? 0;
      }
    }
    const ranked = options.hybrid
      ? fuseByReciprocalRank([...candidates.values()])
      : byCosine([...candidates.values()]);
    return ranked.slice(0, options.limit).map(toRetrievedChunk);
  }
}

interface Candidate {
  partition: KnowledgePartition;
  chunk: CorpusChunk;
  vectorScore: number;
  lexicalScore: number | null;
  score: number;
}

function addCandidate(
  candidates: Map<string, Candidate>,
  partition: KnowledgePartition,
  chunk: CorpusChunk,
  cosine: number,
): void {
  if (!candidates.has(chunk.id)) {
    candidates.set(chunk.id, {
      partition,
      chunk,
      vectorScore: cosine,
      lexicalScore: null,
      score: cosine,
    });
  }
}

function byCosine(candidates: Candidate[]): Candidate[] {
  return candidates.sort((a, b) => b.vectorScore - a.vectorScore);
}

/**
 * Fuses the merged cosine ranking and the merged BM25 ranking by reciprocal rank: ranks, not raw
 * scores, because cosine and BM25 live on unrelated scales.
 */
function fuseByReciprocalRank(candidates: Candidate[]): Candidate[] {
  const vectorRank = rankOf(candidates, (c) => c.vectorScore);
  const lexicalRank = rankOf(
    candidates.filter((c) => (c.lexicalScore ?? 0) > 0),
    (c) => c.lexicalScore ?? 0,
  );
  for (const c of candidates) {
    const lexical = lexicalRank.get(c);
    c.score =
      1 / (RRF_K + vectorRank.get(c)!) + (lexical === undefined ? 0 : 1 / (RRF_K + lexical));
  }
  return candidates.sort((a, b) => b.score - a.score || b.vectorScore - a.vectorScore);
}

function rankOf(candidates: Candidate[], score: (c: Candidate) => number): Map<Candidate, number> {
  const sorted = [...candidates].sort((a, b) => score(b) - score(a));
  return new Map(sorted.map((c, i) => [c, i + 1]));
}

function toRetrievedChunk(c: Candidate): RetrievedChunk {
  return {
    partition: c.partition,
    sourceId: c.chunk.page,
    documentId: c.chunk.page,
    chunkId: c.chunk.id,
    title: c.chunk.title,
    position: c.chunk.position,
    score: c.score,
    text: c.chunk.text,
    headingPath: c.chunk.headingPath,
    tokenCount: c.chunk.tokenCount,
    vectorScore: c.vectorScore,
    lexicalScore: c.lexicalScore,
    updatedAt: EVAL_UPDATED_AT,
  };
}

function dot(a: Float64Array, b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function topIndexes(scores: readonly number[], k: number): number[] {
  return scores
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map(({ i }) => i);
}
