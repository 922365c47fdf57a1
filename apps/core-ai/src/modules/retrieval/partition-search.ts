import { KNOWLEDGE_PARTITIONS, type KnowledgePartition } from '@cxgenie/contracts';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import type { LexicalHit, VectorHit, VectorScope, VectorStore } from '@cxgenie/vector-store';

export interface PartitionSearch extends VectorScope {
  space: EmbeddingSpace;
  vector: number[];
  topK: number;
  /** The query's words for full-text search (hybrid), or null for vectors only. */
  text: string | null;
}

export interface PartitionHits {
  vectorHits: VectorHit[];
  /** Null when the search was vectors only or the store has no full-text search. */
  lexicalHits: LexicalHit[] | null;
}

/**
 * The four partitions are independent queries, so they run at once (and, in hybrid search, each
 * partition's full-text query next to its vector query): the slowest query, not the sum, sets
 * the latency. `sequential` exists only so the benchmark can show the difference.
 */
export async function searchPartitions(
  store: VectorStore,
  search: PartitionSearch,
  mode: 'parallel' | 'sequential' = 'parallel',
): Promise<PartitionHits> {
  const lexical = search.text !== null && store.lexicalSearch !== undefined;
  const one = async (partition: KnowledgePartition) => {
    const query = { ...search, partition };
    const [vectorHits, lexicalHits] = await Promise.all([
      store.search(search.space, query),
      lexical ? store.lexicalSearch!(search.space, { ...query, text: search.text! }) : [],
    ]);
    return { vectorHits, lexicalHits };
  };
  let results: Awaited<ReturnType<typeof one>>[];
  if (mode === 'parallel') results = await Promise.all(KNOWLEDGE_PARTITIONS.map(one));
  else {
    results = [];
    for (const partition of KNOWLEDGE_PARTITIONS) results.push(await one(partition));
  }
  return {
    vectorHits: results.flatMap((r) => r.vectorHits),
    lexicalHits: lexical ? results.flatMap((r) => r.lexicalHits) : null,
  };
}
