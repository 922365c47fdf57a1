import { KNOWLEDGE_PARTITIONS, type KnowledgePartition } from '@cxgenie/contracts';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import type { VectorRecord, VectorScope, VectorSearchQuery } from './vector-store.port';

/** A caller handed the store something it must not store or filter on; never retried. */
export class VectorStoreInputError extends Error {
  override readonly name = 'VectorStoreInputError';
}

/** Longest id the store accepts (Milvus VarChar max_length of the id columns). */
export const MAX_ID_LENGTH = 128;

/**
 * Uuids, and derived keys such as `<entry uuid>:<chunk index>`: letters, digits and `:_.-` only. No
 * quote, space or backslash can pass, so no id can change the meaning of a filter expression.
 */
const SAFE_ID = new RegExp(`^[A-Za-z0-9][A-Za-z0-9:_.-]{0,${MAX_ID_LENGTH - 1}}$`);

/**
 * Byte limits of the text columns. Milvus rejects longer VarChars, so both engines enforce the same
 * limits: a record that LanceDB accepts must also fit the production engine.
 */
export const RECORD_TEXT_LIMITS = {
  chunkHash: 128,
  title: 4_096,
  headingPath: 4_096,
  text: 65_535,
} as const;

export const MAX_TOP_K = 1_000;

/**
 * Every id a filter is built from passes this check, so nothing that reaches a filter expression
 * can carry a quote; the literal escaping in the filter builders is the second line of defence.
 */
export function assertSafeId(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || !SAFE_ID.test(value))
    throw new VectorStoreInputError(
      `${what} must be an id of letters, digits and ':_.-', got ${JSON.stringify(value)}`,
    );
}

export function assertPartition(value: unknown): asserts value is KnowledgePartition {
  if (!(KNOWLEDGE_PARTITIONS as readonly unknown[]).includes(value))
    throw new VectorStoreInputError(`unknown knowledge partition ${JSON.stringify(value)}`);
}

export function assertScope(scope: VectorScope): void {
  assertSafeId(scope.workspaceId, 'workspaceId');
  assertSafeId(scope.botId, 'botId');
}

export function assertSpace(space: EmbeddingSpace): void {
  if (!Number.isInteger(space.dimensions) || space.dimensions < 1 || space.dimensions > 32_768)
    throw new VectorStoreInputError(`invalid embedding dimensions ${space.dimensions}`);
  if (space.model.trim() === '') throw new VectorStoreInputError('embedding model is empty');
}

export function assertVector(vector: readonly number[], space: EmbeddingSpace, what: string): void {
  if (vector.length !== space.dimensions)
    throw new VectorStoreInputError(
      `${what} has ${vector.length} dimensions, the space ${space.model} has ${space.dimensions}`,
    );
  if (!vector.every(Number.isFinite))
    throw new VectorStoreInputError(`${what} contains a non-finite number`);
}

export function assertSearchQuery(space: EmbeddingSpace, query: VectorSearchQuery): void {
  assertScope(query);
  assertPartition(query.partition);
  assertVector(query.vector, space, 'query vector');
  if (!Number.isInteger(query.topK) || query.topK < 1 || query.topK > MAX_TOP_K)
    throw new VectorStoreInputError(`topK must be an integer in [1, ${MAX_TOP_K}]`);
}

const assertTextFits = (value: string, limit: number, what: string): void => {
  if (typeof value !== 'string') throw new VectorStoreInputError(`${what} must be a string`);
  if (Buffer.byteLength(value, 'utf8') > limit)
    throw new VectorStoreInputError(`${what} is longer than ${limit} bytes`);
};

const INT32_MAX = 2_147_483_647;

const assertInteger = (value: number, what: string, max = Number.MAX_SAFE_INTEGER): void => {
  if (!Number.isSafeInteger(value) || value < 0 || value > max)
    throw new VectorStoreInputError(`${what} must be an integer in [0, ${max}]`);
};

export function assertRecord(space: EmbeddingSpace, record: VectorRecord): void {
  assertSafeId(record.id, 'record id');
  assertScope(record);
  assertPartition(record.partition);
  assertSafeId(record.sourceId, 'sourceId');
  if (record.documentId !== null) assertSafeId(record.documentId, 'documentId');
  assertTextFits(record.chunkHash, RECORD_TEXT_LIMITS.chunkHash, 'chunkHash');
  assertTextFits(record.title, RECORD_TEXT_LIMITS.title, 'title');
  assertTextFits(record.headingPath, RECORD_TEXT_LIMITS.headingPath, 'headingPath');
  assertTextFits(record.text, RECORD_TEXT_LIMITS.text, 'text');
  // Stored as Int32 by LanceDB.
  assertInteger(record.position, 'position', INT32_MAX);
  assertInteger(record.tokenCount, 'tokenCount', INT32_MAX);
  assertInteger(record.createdAt, 'createdAt');
  assertInteger(record.updatedAt, 'updatedAt');
  assertVector(record.vector, space, `vector of record ${record.id}`);
}

/**
 * Validates a batch and keeps the last record of each id: both engines reject (or double-apply) a
 * batch that names one primary key twice, while callers expect "last write wins".
 */
export function prepareRecords(
  space: EmbeddingSpace,
  records: readonly VectorRecord[],
): VectorRecord[] {
  assertSpace(space);
  const byId = new Map<string, VectorRecord>();
  for (const record of records) {
    assertRecord(space, record);
    byId.delete(record.id);
    byId.set(record.id, record);
  }
  return [...byId.values()];
}
