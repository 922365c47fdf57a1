import { Inject, Injectable } from '@nestjs/common';
import type { KnowledgePartition } from '@cxgenie/contracts';
import { type EmbeddingSpace, spaceKey } from '@cxgenie/embeddings';
import {
  VECTOR_STORE,
  type VectorStore,
  chunkRecordId,
  knowledgeChunkRecord,
} from '@cxgenie/vector-store';
import type { SourceRef } from './indexed-chunks.repository';
import type { PreparedChunk } from './prepared-chunk';

/** `model@dimensions` back to a space; null for anything else. */
function parseSpaceKey(key: string): EmbeddingSpace | null {
  const at = key.lastIndexOf('@');
  const dimensions = Number(key.slice(at + 1));
  if (at <= 0 || !Number.isInteger(dimensions) || dimensions < 1) return null;
  return { model: key.slice(0, at), dimensions };
}

/** A source's records in the vector store. */
@Injectable()
export class SourceVectors {
  constructor(@Inject(VECTOR_STORE) private readonly store: VectorStore) {}

  async upsert(
    space: EmbeddingSpace,
    source: SourceRef,
    partition: KnowledgePartition,
    chunks: readonly PreparedChunk[],
    vectors: readonly number[][],
  ): Promise<void> {
    const now = Date.now();
    const records = chunks.map((chunk, i) =>
      knowledgeChunkRecord({ ...source, partition, ...chunk }, vectors[i]!, now),
    );
    await this.store.upsert(space, records);
  }

  count(space: EmbeddingSpace, source: SourceRef): Promise<number> {
    return this.store.countBySource(space, source, source.sourceId);
  }

  async ensureSpace(space: EmbeddingSpace): Promise<void> {
    await this.store.ensureSpace(space);
  }

  /**
   * Removes the records at some positions and keeps the others searchable. The store deletes
   * only whole sources, so the records are first moved (upserted under their ids) into a scope no
   * search reads, and that scope's copy of the source is deleted.
   */
  async removePositions(
    space: EmbeddingSpace,
    source: SourceRef,
    partition: KnowledgePartition,
    positions: readonly number[],
  ): Promise<void> {
    if (positions.length === 0) return;
    const retired = { workspaceId: source.workspaceId, botId: `${source.botId}.retired` };
    const placeholder = Array.from({ length: space.dimensions }, (_, i) => (i === 0 ? 1 : 0));
    const now = Date.now();
    await this.store.upsert(
      space,
      positions.map((position) => ({
        id: chunkRecordId(source.sourceId, position),
        ...retired,
        partition,
        sourceId: source.sourceId,
        documentId: null,
        chunkHash: '',
        title: '',
        headingPath: '',
        position,
        text: '',
        tokenCount: 0,
        createdAt: now,
        updatedAt: now,
        vector: placeholder,
      })),
    );
    await this.store.deleteBySource(space, retired, source.sourceId);
  }

  /** Every record of the source, in the current space and in any it was indexed in before. */
  async removeAll(
    current: EmbeddingSpace,
    source: SourceRef,
    otherSpaces: readonly string[],
  ): Promise<void> {
    await this.removeFromSpaces(source, [spaceKey(current), ...otherSpaces]);
  }

  /** Every record of the source in the given spaces (`model@dimensions` keys). */
  async removeFromSpaces(source: SourceRef, spaceKeys: readonly string[]): Promise<void> {
    const spaces = new Map<string, EmbeddingSpace>();
    for (const key of spaceKeys) {
      const space = parseSpaceKey(key);
      if (space) spaces.set(spaceKey(space), space);
    }
    for (const space of spaces.values()) {
      await this.store.ensureSpace(space);
      await this.store.deleteBySource(space, source, source.sourceId);
    }
  }
}
