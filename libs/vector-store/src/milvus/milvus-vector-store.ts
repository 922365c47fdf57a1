import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConsistencyLevelEnum,
  ErrorCode,
  LoadState,
  type MilvusClient,
} from '@zilliz/milvus2-sdk-node';
import { KNOWLEDGE_PARTITIONS } from '@cxgenie/contracts';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import { milvusScopeFilter, milvusStringLiteral } from '../scope-filters';
import { spaceCollectionName } from '../space-collection-name';
import {
  assertSearchQuery,
  assertSpace,
  assertSafeId,
  prepareRecords,
} from '../vector-record.validation';
import type {
  StoredChunk,
  VectorHit,
  VectorRecord,
  VectorRecordKey,
  VectorScope,
  VectorSearchQuery,
  VectorStore,
} from '../vector-store.port';
import {
  MILVUS_SCALAR_FIELDS,
  MILVUS_VECTOR_FIELD,
  fromMilvusHit,
  milvusRecordFields,
  toMilvusRow,
} from './milvus-record-schema';

/** Milvus' query window: offset + limit may not exceed it. */
const MAX_QUERY_ROWS = 16_384;

const toStoredChunk = (row: Record<string, unknown>): StoredChunk => {
  const { score: _score, ...chunk } = fromMilvusHit({ ...row, score: 0 });
  return chunk;
};

export interface MilvusVectorStoreOptions {
  /**
   * Consistency of searches (set on the collection). Bounded (Milvus' default) answers from data at
   * most a few seconds old, which fresh ingestion tolerates; counts are always Strong.
   */
  consistencyLevel: 'Strong' | 'Session' | 'Bounded' | 'Eventually';
  /** Vector index type; AUTOINDEX lets Milvus/Zilliz pick (HNSW on self-hosted Milvus). */
  indexType: 'AUTOINDEX' | 'HNSW';
  /** Rows per upsert RPC: 500 × 3072 floats stays far below Milvus' 64 MB request limit. */
  writeBatchRows: number;
  /** How long ensureSpace waits for a collection to load. */
  loadTimeoutMs: number;
}

const DEFAULT_OPTIONS: MilvusVectorStoreOptions = {
  consistencyLevel: 'Bounded',
  indexType: 'AUTOINDEX',
  writeBatchRows: 500,
  loadTimeoutMs: 120_000,
};

const HNSW_BUILD_PARAMS = { M: 16, efConstruction: 200 };

/** Milvus' default `quota.maxQueryResultWindow`: offset + limit of one query. */
const QUERY_WINDOW = 16_384;
const LIST_PAGE = 1_024;

/** Scalar fields every read or delete filters on; an inverted index keeps those filters cheap. */
const SCALAR_INDEXED_FIELDS = ['bot_id', 'source_id'] as const;

/** Milvus answered, but refused. */
export class MilvusOperationError extends Error {
  override readonly name = 'MilvusOperationError';
  constructor(
    readonly operation: string,
    readonly errorCode: string,
    reason: string,
  ) {
    super(`milvus ${operation} failed (${errorCode}): ${reason || 'no reason given'}`);
  }
}

interface MilvusStatus {
  error_code?: string | number;
  reason?: string;
}

/** The SDK resolves (never rejects) refused calls, and turns UNIMPLEMENTED into an empty reply. */
function assertOk(status: MilvusStatus | undefined, operation: string): void {
  if (!status || status.error_code === undefined)
    throw new MilvusOperationError(operation, 'NoStatus', 'the server returned no status');
  if (status.error_code !== ErrorCode.SUCCESS)
    throw new MilvusOperationError(operation, String(status.error_code), status.reason ?? '');
}

/**
 * The production knowledge store: one Milvus collection per embedding space, the knowledge
 * partition as partition key, every read and delete filtered on workspace and bot by this adapter.
 */
export class MilvusVectorStore implements VectorStore {
  readonly kind = 'milvus' as const;
  private readonly options: MilvusVectorStoreOptions;
  private readonly ready = new Map<string, Promise<void>>();

  constructor(
    private readonly client: MilvusClient,
    options: Partial<MilvusVectorStoreOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  ensureSpace(space: EmbeddingSpace): Promise<void> {
    assertSpace(space);
    const name = spaceCollectionName(space);
    const cached = this.ready.get(name);
    if (cached) return cached;
    const preparing = this.prepareCollection(name, space);
    this.ready.set(name, preparing);
    // A failed preparation (Milvus restarting) is retried by the next call instead of cached.
    preparing.catch(() => {
      if (this.ready.get(name) === preparing) this.ready.delete(name);
    });
    return preparing;
  }

  async upsert(space: EmbeddingSpace, records: readonly VectorRecord[]): Promise<void> {
    const prepared = prepareRecords(space, records);
    if (prepared.length === 0) return;
    await this.ensureSpace(space);
    const collection_name = spaceCollectionName(space);
    for (let start = 0; start < prepared.length; start += this.options.writeBatchRows) {
      const batch = prepared.slice(start, start + this.options.writeBatchRows);
      const result = await this.client.upsert({ collection_name, data: batch.map(toMilvusRow) });
      assertOk(result.status, 'upsert');
    }
  }

  async search(space: EmbeddingSpace, query: VectorSearchQuery): Promise<VectorHit[]> {
    assertSearchQuery(space, query);
    const filter = milvusScopeFilter(query);
    await this.ensureSpace(space);
    const response = await this.client.search({
      collection_name: spaceCollectionName(space),
      anns_field: MILVUS_VECTOR_FIELD,
      data: [query.vector],
      filter,
      limit: query.topK,
      metric_type: 'COSINE',
      output_fields: [...MILVUS_SCALAR_FIELDS],
      // HNSW needs ef >= topK; AUTOINDEX tunes itself.
      ...(this.options.indexType === 'HNSW' ? { params: { ef: Math.max(64, query.topK) } } : {}),
    });
    assertOk(response.status, 'search');
    return (response.results as Record<string, unknown>[]).map(fromMilvusHit);
  }

  async nearest(
    space: EmbeddingSpace,
    query: VectorSearchQuery,
  ): Promise<{ id: string; score: number }[]> {
    assertSearchQuery(space, query);
    await this.ensureSpace(space);
    const response = await this.client.search({
      collection_name: spaceCollectionName(space),
      anns_field: MILVUS_VECTOR_FIELD,
      data: [query.vector],
      filter: milvusScopeFilter(query),
      limit: query.topK,
      metric_type: 'COSINE',
      output_fields: ['id'],
      ...(this.options.indexType === 'HNSW' ? { params: { ef: Math.max(64, query.topK) } } : {}),
    });
    assertOk(response.status, 'search');
    return (response.results as { id: unknown; score: unknown }[]).map((hit) => ({
      id: String(hit.id),
      score: Number(hit.score),
    }));
  }

  /**
   * Milvus caps one query at 16,384 rows (offset + limit); a bot partition larger than that is
   * read up to the cap, so its full-text index covers that many chunks (logged by the caller).
   */
  async scanScope(space: EmbeddingSpace, scope: VectorScope): Promise<StoredChunk[]> {
    await this.ensureSpace(space);
    const partitions = await Promise.all(
      KNOWLEDGE_PARTITIONS.map((partition) =>
        this.queryRows(space, milvusScopeFilter({ ...scope, partition }), [
          ...MILVUS_SCALAR_FIELDS,
        ]),
      ),
    );
    return partitions.flat().map(toStoredChunk);
  }

  async scopeRevision(space: EmbeddingSpace, scope: VectorScope): Promise<string> {
    await this.ensureSpace(space);
    const partitions = await Promise.all(
      KNOWLEDGE_PARTITIONS.map((partition) =>
        this.queryRows(space, milvusScopeFilter({ ...scope, partition }), ['id', 'updated_at']),
      ),
    );
    const stamps = partitions
      .flat()
      .map((row) => `${String(row.id)}@${String(row.updated_at)}`)
      .sort();
    return createHash('sha1').update(stamps.join('\n')).digest('hex');
  }

  async deleteScope(space: EmbeddingSpace, scope: VectorScope): Promise<void> {
    await this.ensureSpace(space);
    const result = await this.client.delete({
      collection_name: spaceCollectionName(space),
      filter: milvusScopeFilter(scope),
    });
    assertOk(result.status, 'delete');
  }

  private async queryRows(
    space: EmbeddingSpace,
    filter: string,
    output_fields: string[],
  ): Promise<Record<string, unknown>[]> {
    const response = await this.client.query({
      collection_name: spaceCollectionName(space),
      filter,
      output_fields,
      limit: MAX_QUERY_ROWS,
    });
    assertOk(response.status, 'query');
    return response.data as Record<string, unknown>[];
  }

  async deleteBySource(space: EmbeddingSpace, scope: VectorScope, sourceId: string): Promise<void> {
    assertSafeId(sourceId, 'sourceId');
    const filter = milvusScopeFilter({ ...scope, sourceId });
    await this.ensureSpace(space);
    const result = await this.client.delete({
      collection_name: spaceCollectionName(space),
      filter,
    });
    assertOk(result.status, 'delete');
  }

  async countBySource(
    space: EmbeddingSpace,
    scope: VectorScope,
    sourceId: string,
  ): Promise<number> {
    assertSafeId(sourceId, 'sourceId');
    const filter = milvusScopeFilter({ ...scope, sourceId });
    await this.ensureSpace(space);
    const response = await this.client.query({
      collection_name: spaceCollectionName(space),
      filter,
      output_fields: ['count(*)'],
      // Resumable ingestion decides what to re-embed from this count: it must see every write.
      consistency_level: ConsistencyLevelEnum.Strong,
    });
    assertOk(response.status, 'count');
    const [row] = response.data as Record<string, unknown>[];
    return Number(row?.['count(*)'] ?? 0);
  }

  /**
   * Pages through each partition within Milvus' query window (offset + limit at most 16,384 by
   * default): a bot with more records than that in one partition is listed only up to it.
   */
  async listRecordKeys(space: EmbeddingSpace, scope: VectorScope): Promise<VectorRecordKey[]> {
    await this.ensureSpace(space);
    const keys: VectorRecordKey[] = [];
    for (const partition of KNOWLEDGE_PARTITIONS) {
      const filter = milvusScopeFilter({ ...scope, partition });
      for (let offset = 0; offset + LIST_PAGE <= QUERY_WINDOW; offset += LIST_PAGE) {
        const response = await this.client.query({
          collection_name: spaceCollectionName(space),
          filter,
          output_fields: ['id', 'source_id'],
          limit: LIST_PAGE,
          offset,
          consistency_level: ConsistencyLevelEnum.Strong,
        });
        assertOk(response.status, 'query');
        const rows = response.data as { id: string; source_id: string }[];
        keys.push(...rows.map((row) => ({ id: String(row.id), sourceId: String(row.source_id) })));
        if (rows.length < LIST_PAGE) break;
      }
    }
    return keys;
  }

  async deleteRecords(
    space: EmbeddingSpace,
    scope: VectorScope,
    ids: readonly string[],
  ): Promise<void> {
    ids.forEach((id) => assertSafeId(id, 'record id'));
    if (ids.length === 0) return;
    await this.ensureSpace(space);
    const filter = milvusScopeFilter(scope);
    for (let start = 0; start < ids.length; start += LIST_PAGE) {
      const batch = ids
        .slice(start, start + LIST_PAGE)
        .map(milvusStringLiteral)
        .join(', ');
      const result = await this.client.delete({
        collection_name: spaceCollectionName(space),
        filter: `${filter} && id in [${batch}]`,
      });
      assertOk(result.status, 'delete');
    }
  }

  private async prepareCollection(collection_name: string, space: EmbeddingSpace): Promise<void> {
    const existing = await this.client.hasCollection({ collection_name });
    assertOk(existing.status, 'hasCollection');
    if (existing.value) await this.assertDimensions(collection_name, space);
    else await this.createCollection(collection_name, space);
    await this.createMissingIndexes(collection_name);
    await this.loadCollection(collection_name);
  }

  private async createCollection(collection_name: string, space: EmbeddingSpace): Promise<void> {
    const created = await this.client.createCollection({
      collection_name,
      description: `CX Genie knowledge chunks of ${space.model} (${space.dimensions} dimensions)`,
      fields: milvusRecordFields(space.dimensions),
      enable_dynamic_field: false,
      consistency_level: this.options.consistencyLevel,
    });
    assertOk(created, 'createCollection');
  }

  /** Another deployment may have created the collection; a clash must fail, not corrupt. */
  private async assertDimensions(collection_name: string, space: EmbeddingSpace): Promise<void> {
    const described = await this.client.describeCollection({ collection_name });
    assertOk(described.status, 'describeCollection');
    const vector = described.schema.fields.find((field) => field.name === MILVUS_VECTOR_FIELD);
    const dim = vector?.type_params.find((param) => param.key === 'dim')?.value;
    if (Number(dim) !== space.dimensions)
      throw new MilvusOperationError(
        'ensureSpace',
        'SchemaMismatch',
        `collection ${collection_name} has vector dim ${String(dim)}, expected ${space.dimensions}`,
      );
  }

  private async createMissingIndexes(collection_name: string): Promise<void> {
    const described = await this.client.describeIndex({ collection_name });
    if (described.status.error_code !== ErrorCode.IndexNotExist)
      assertOk(described.status, 'describeIndex');
    const indexed = new Set((described.index_descriptions ?? []).map((index) => index.field_name));
    if (!indexed.has(MILVUS_VECTOR_FIELD)) {
      const created = await this.client.createIndex({
        collection_name,
        field_name: MILVUS_VECTOR_FIELD,
        index_name: `${MILVUS_VECTOR_FIELD}_idx`,
        index_type: this.options.indexType,
        metric_type: 'COSINE',
        ...(this.options.indexType === 'HNSW' ? { params: HNSW_BUILD_PARAMS } : {}),
      });
      assertOk(created, 'createIndex');
    }
    for (const field_name of SCALAR_INDEXED_FIELDS) {
      if (indexed.has(field_name)) continue;
      const created = await this.client.createIndex({
        collection_name,
        field_name,
        index_name: `${field_name}_idx`,
        // AUTOINDEX is the one scalar index every Zilliz tier accepts; HNSW means self-hosted.
        index_type: this.options.indexType === 'AUTOINDEX' ? 'AUTOINDEX' : 'INVERTED',
      });
      assertOk(created, 'createIndex');
    }
  }

  /** The SDK's own loadCollection sleeps 400 ms per poll; this polls faster and gives up. */
  private async loadCollection(collection_name: string): Promise<void> {
    if ((await this.loadState(collection_name)) === LoadState.LoadStateLoaded) return;
    assertOk(await this.client.loadCollectionAsync({ collection_name }), 'loadCollection');
    const deadline = Date.now() + this.options.loadTimeoutMs;
    let delayMs = 20;
    while ((await this.loadState(collection_name)) !== LoadState.LoadStateLoaded) {
      if (Date.now() > deadline)
        throw new MilvusOperationError(
          'loadCollection',
          'Timeout',
          `${collection_name} not loaded`,
        );
      await sleep(delayMs);
      delayMs = Math.min(delayMs * 2, 1_000);
    }
  }

  private async loadState(collection_name: string): Promise<string> {
    const response = await this.client.getLoadState({ collection_name });
    assertOk(response.status, 'getLoadState');
    return response.state;
  }
}
