import { DataType, type FieldType, type RowData } from '@zilliz/milvus2-sdk-node';
import type { KnowledgePartition } from '@cxgenie/contracts';
import { MAX_ID_LENGTH, RECORD_TEXT_LIMITS } from '../vector-record.validation';
import type { VectorHit, VectorRecord } from '../vector-store.port';

export const MILVUS_VECTOR_FIELD = 'vector';

/** Scalar fields returned by a search: everything but the vector. */
export const MILVUS_SCALAR_FIELDS = [
  'id',
  'workspace_id',
  'bot_id',
  'partition',
  'source_id',
  'document_id',
  'chunk_hash',
  'title',
  'heading_path',
  'position',
  'text',
  'token_count',
  'created_at',
  'updated_at',
] as const;

const varchar = (name: string, maxLength: number, extra: Partial<FieldType> = {}): FieldType => ({
  name,
  data_type: DataType.VarChar,
  max_length: maxLength,
  ...extra,
});

const int64 = (name: string): FieldType => ({ name, data_type: DataType.Int64 });

/**
 * The partition is the partition key, so a search for one partition only touches that partition's
 * buckets. `document_id` is a plain VarChar holding '' for "no document": nullable scalars need
 * Milvus 2.5+, and '' is never an id.
 */
export const milvusRecordFields = (dimensions: number): FieldType[] => [
  varchar('id', MAX_ID_LENGTH, { is_primary_key: true, autoID: false }),
  varchar('workspace_id', MAX_ID_LENGTH),
  varchar('bot_id', MAX_ID_LENGTH),
  varchar('partition', 32, { is_partition_key: true }),
  varchar('source_id', MAX_ID_LENGTH),
  varchar('document_id', MAX_ID_LENGTH),
  varchar('chunk_hash', RECORD_TEXT_LIMITS.chunkHash),
  varchar('title', RECORD_TEXT_LIMITS.title),
  varchar('heading_path', RECORD_TEXT_LIMITS.headingPath),
  int64('position'),
  varchar('text', RECORD_TEXT_LIMITS.text),
  int64('token_count'),
  int64('created_at'),
  int64('updated_at'),
  { name: MILVUS_VECTOR_FIELD, data_type: DataType.FloatVector, dim: dimensions },
];

export const toMilvusRow = (record: VectorRecord): RowData => ({
  id: record.id,
  workspace_id: record.workspaceId,
  bot_id: record.botId,
  partition: record.partition,
  source_id: record.sourceId,
  document_id: record.documentId ?? '',
  chunk_hash: record.chunkHash,
  title: record.title,
  heading_path: record.headingPath,
  position: record.position,
  text: record.text,
  token_count: record.tokenCount,
  created_at: record.createdAt,
  updated_at: record.updatedAt,
  [MILVUS_VECTOR_FIELD]: record.vector,
});

const asString = (value: unknown): string => String(value);
// The SDK decodes Int64 as strings (longs: String); these values are far inside the safe range.
const asNumber = (value: unknown): number => Number(value);

/** With the COSINE metric Milvus already scores by similarity (higher is closer). */
export const fromMilvusHit = (hit: Record<string, unknown>): VectorHit => ({
  id: asString(hit.id),
  workspaceId: asString(hit.workspace_id),
  botId: asString(hit.bot_id),
  partition: asString(hit.partition) as KnowledgePartition,
  sourceId: asString(hit.source_id),
  documentId: hit.document_id ? asString(hit.document_id) : null,
  chunkHash: asString(hit.chunk_hash),
  title: asString(hit.title),
  headingPath: asString(hit.heading_path),
  position: asNumber(hit.position),
  text: asString(hit.text),
  tokenCount: asNumber(hit.token_count),
  createdAt: asNumber(hit.created_at),
  updatedAt: asNumber(hit.updated_at),
  score: asNumber(hit.score),
});
