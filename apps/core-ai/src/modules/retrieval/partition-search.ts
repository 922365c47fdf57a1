import { KNOWLEDGE_PARTITIONS } from '@cxgenie/contracts';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import type { VectorHit, VectorScope, VectorStore } from '@cxgenie/vector-store';

export interface PartitionSearch extends VectorScope {
  space: EmbeddingSpace;
  vector: number[];
  topK: number;
}

/**
 * The four partitions are independent queries, so they run at once: the slowest partition, not
 * the sum of all four, sets the latency. `sequential` exists only so the benchmark can show the
 * difference against the same store.
 */
export async function searchPartitions(
  store: VectorStore,
  { space, vector, topK, workspaceId, botId }: PartitionSearch,
  mode: 'parallel' | 'sequential' = 'parallel',
): Promise<VectorHit[]> {
  const one = (partition: (typeof KNOWLEDGE_PARTITIONS)[number]) =>
    store.search(space, { workspaceId, botId, partition, vector, topK });
  if (mode === 'parallel') return (await Promise.all(KNOWLEDGE_PARTITIONS.map(one))).flat();
  const hits: VectorHit[] = [];
  for (const partition of KNOWLEDGE_PARTITIONS) hits.push(...(await one(partition)));
  return hits;
}
