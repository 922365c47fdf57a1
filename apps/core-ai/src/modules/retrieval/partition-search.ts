import { KNOWLEDGE_PARTITIONS, type KnowledgePartition } from '@cxgenie/contracts';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import type { VectorHit, VectorScope, VectorStore } from '@cxgenie/vector-store';

export interface PartitionSearch extends VectorScope {
  space: EmbeddingSpace;
  vector: number[];
  /** Nearest chunks taken from each partition. */
  topK: number;
}

/**
 * The four partitions are independent queries, so they run at once: the slowest query, not the
 * sum, sets the latency. `sequential` exists only so the benchmark can show the difference.
 */
export async function searchPartitions(
  store: Pick<VectorStore, 'search'>,
  search: PartitionSearch,
  mode: 'parallel' | 'sequential' = 'parallel',
): Promise<VectorHit[]> {
  const one = (partition: KnowledgePartition) =>
    store.search(search.space, { ...search, partition });
  if (mode === 'parallel') return (await Promise.all(KNOWLEDGE_PARTITIONS.map(one))).flat();
  const hits: VectorHit[] = [];
  for (const partition of KNOWLEDGE_PARTITIONS) hits.push(...(await one(partition)));
  return hits;
}

/** The same, ids and cosines only: for a caller that holds the bot's chunks already. */
export async function nearestInPartitions(
  store: Pick<VectorStore, 'nearest'>,
  search: PartitionSearch,
): Promise<{ id: string; score: number }[]> {
  const one = (partition: KnowledgePartition) =>
    store.nearest(search.space, { ...search, partition });
  return (await Promise.all(KNOWLEDGE_PARTITIONS.map(one))).flat();
}
