import { Field, FixedSizeList, Float32, Int32, Int64, Schema, Utf8 } from 'apache-arrow';
import type { KnowledgePartition } from '@cxgenie/contracts';
import type { StoredChunk, VectorHit, VectorRecord } from '../vector-store.port';

/** Scalar columns returned by a search: everything but the vector. */
export const LANCE_SCALAR_COLUMNS = [
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

const text = (name: string, nullable = false): Field => new Field(name, new Utf8(), nullable);

/**
 * The table schema of one space. The vector's list item is nullable because that is how Lance
 * stores it: a non-nullable item would make `createEmptyTable(existOk)` see a schema mismatch
 * against its own table.
 */
export const lanceRecordSchema = (dimensions: number): Schema =>
  new Schema([
    text('id'),
    text('workspace_id'),
    text('bot_id'),
    text('partition'),
    text('source_id'),
    text('document_id', true),
    text('chunk_hash'),
    text('title'),
    text('heading_path'),
    new Field('position', new Int32(), false),
    text('text'),
    new Field('token_count', new Int32(), false),
    new Field('created_at', new Int64(), false),
    new Field('updated_at', new Int64(), false),
    new Field(
      'vector',
      new FixedSizeList(dimensions, new Field('item', new Float32(), true)),
      false,
    ),
  ]);

export type LanceRow = Record<(typeof LANCE_SCALAR_COLUMNS)[number], unknown> & {
  vector?: number[];
  _distance?: number;
};

export const toLanceRow = (record: VectorRecord): Record<string, unknown> => ({
  id: record.id,
  workspace_id: record.workspaceId,
  bot_id: record.botId,
  partition: record.partition,
  source_id: record.sourceId,
  document_id: record.documentId,
  chunk_hash: record.chunkHash,
  title: record.title,
  heading_path: record.headingPath,
  position: record.position,
  text: record.text,
  token_count: record.tokenCount,
  created_at: record.createdAt,
  updated_at: record.updatedAt,
  vector: record.vector,
});

const asString = (value: unknown): string => String(value);
// Int64 columns come back as bigint; epoch milliseconds are far inside the safe integer range.
const asNumber = (value: unknown): number => Number(value);

/** A row read without a search: every scalar field, no score. */
export const fromLanceStoredRow = (row: LanceRow): StoredChunk => {
  const { score: _score, ...chunk } = fromLanceRow({ ...row, _distance: 1 });
  return chunk;
};

/** Cosine distance is `1 - cosine similarity`; the port speaks similarity. */
export const fromLanceRow = (row: LanceRow): VectorHit => ({
  id: asString(row.id),
  workspaceId: asString(row.workspace_id),
  botId: asString(row.bot_id),
  partition: asString(row.partition) as KnowledgePartition,
  sourceId: asString(row.source_id),
  documentId:
    row.document_id === null || row.document_id === undefined ? null : asString(row.document_id),
  chunkHash: asString(row.chunk_hash),
  title: asString(row.title),
  headingPath: asString(row.heading_path),
  position: asNumber(row.position),
  text: asString(row.text),
  tokenCount: asNumber(row.token_count),
  createdAt: asNumber(row.created_at),
  updatedAt: asNumber(row.updated_at),
  score: 1 - asNumber(row._distance),
});
