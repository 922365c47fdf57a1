import type { KnowledgePartition } from '@cxgenie/contracts';
import type { VectorRecord } from './vector-store.port';

/** Citation labels; the store caps titles and heading paths in bytes. */
const MAX_TITLE_CHARS = 300;
const MAX_HEADING_PATH_CHARS = 1_000;

/**
 * Record id of a document or website chunk: stable per position, so a re-run replaces in place.
 * The loader writes these records and core-ai's reconciliation rebuilds them from the chunk rows;
 * both must spell the id, and the record, the same way.
 */
export const chunkRecordId = (sourceId: string, position: number): string =>
  `${sourceId}:${position}`;

export interface KnowledgeChunk {
  workspaceId: string;
  botId: string;
  sourceId: string;
  partition: KnowledgePartition;
  documentId: string | null;
  position: number;
  text: string;
  /** SHA-256 of the normalized chunk text. */
  contentHash: string;
  tokenCount: number;
  title: string;
  headingPath: string;
}

/** The vector record of one stored chunk. */
export function knowledgeChunkRecord(
  chunk: KnowledgeChunk,
  vector: number[],
  now = Date.now(),
): VectorRecord {
  return {
    id: chunkRecordId(chunk.sourceId, chunk.position),
    workspaceId: chunk.workspaceId,
    botId: chunk.botId,
    partition: chunk.partition,
    sourceId: chunk.sourceId,
    documentId: chunk.documentId,
    chunkHash: chunk.contentHash,
    title: chunk.title.slice(0, MAX_TITLE_CHARS),
    headingPath: chunk.headingPath.slice(0, MAX_HEADING_PATH_CHARS),
    position: chunk.position,
    text: chunk.text,
    tokenCount: chunk.tokenCount,
    createdAt: now,
    updatedAt: now,
    vector,
  };
}
