import { setTimeout as sleep } from 'node:timers/promises';
import { type Connection, Index, type Table, makeArrowTable } from '@lancedb/lancedb';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import { KeyedSerialQueue } from '../keyed-serial-queue';
import { lanceScopeFilter, sqlStringLiteral } from '../scope-filters';
import { spaceCollectionName } from '../space-collection-name';
import {
  assertSearchQuery,
  assertSpace,
  assertSafeId,
  prepareRecords,
} from '../vector-record.validation';
import type {
  LexicalHit,
  LexicalSearchQuery,
  VectorHit,
  VectorRecord,
  VectorRecordKey,
  VectorScope,
  VectorSearchQuery,
  VectorStore,
} from '../vector-store.port';
import {
  LANCE_SCALAR_COLUMNS,
  type LanceRow,
  fromLanceRow,
  lanceRecordSchema,
  toLanceRow,
} from './lancedb-record-schema';

export interface LanceDbVectorStoreOptions {
  /**
   * Rows from which a table gets an ANN index (IVF_PQ, cosine). Below it an exact scan of a bot's
   * prefiltered rows stays under ~50 ms and needs no index build (~20 s per 100k rows on 2 cores).
   */
  annIndexMinRows: number;
  /** Writes to one table between two compactions (merge-inserts leave small fragments behind). */
  writesPerCompaction: number;
  /**
   * Rows written since the last optimize after which one runs anyway: rows outside the indices
   * are scanned by every search (full-text search over unindexed rows is the slow part).
   */
  rowsPerOptimize: number;
  /** Rows per merge-insert, bounding the memory of one write. */
  writeBatchRows: number;
  /** Filtered rows up to which a search scans exactly even when the table has an ANN index. */
  exactSearchMaxRows: number;
  /** IVF partitions probed per search once an ANN index exists; higher is slower and closer to exact. */
  nprobes: number;
  /** Candidates re-ranked with full vectors per result once an ANN index exists (undoes PQ error). */
  refineFactor: number;
}

const DEFAULT_OPTIONS: LanceDbVectorStoreOptions = {
  annIndexMinRows: 50_000,
  writesPerCompaction: 64,
  rowsPerOptimize: 10_000,
  writeBatchRows: 5_000,
  exactSearchMaxRows: 10_000,
  nprobes: 32,
  refineFactor: 4,
};

const VECTOR_INDEX = 'vector_idx';
const BOT_INDEX = 'bot_id_idx';
const TEXT_INDEX = 'text_idx';
// Versions a concurrent reader (another process) may still be reading are kept this long.
const KEEP_OLD_VERSIONS_MS = 10 * 60_000;

const COMMIT_CONFLICT = /retryable commit conflict/i;
const COMMIT_ATTEMPTS = 6;

/**
 * In-process writers are serialized, but another process (a second loader) can still commit first;
 * Lance then reports a retryable conflict and the write is simply redone on the new version.
 */
/** Ids per delete statement: a filter of thousands of literals is slow to plan. */
const DELETE_BATCH = 500;

async function retryingCommitConflicts<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      // Native (napi) errors are not `instanceof Error` in every realm (Jest's VM), so read the message.
      const conflict = COMMIT_CONFLICT.test(String((error as { message?: unknown })?.message));
      if (!conflict || attempt >= COMMIT_ATTEMPTS) throw error;
      await sleep(10 * 2 ** attempt + Math.random() * 10);
    }
  }
}

interface TableState {
  table: Table;
  hasVectorIndex: boolean;
  hasBotIndex: boolean;
  hasTextIndex: boolean;
  writesSinceCompaction: number;
  rowsSinceCompaction: number;
}

/**
 * The embedded knowledge store: one Lance table per embedding space under DATA_DIR. Every read is
 * prefiltered on workspace, bot (and partition or source) inside this adapter, so no caller can
 * forget the tenant filter. Writes to a table are serialized in-process; Lance's optimistic commits
 * handle the other processes (loader writes, core-ai reads).
 */
export class LanceDbVectorStore implements VectorStore {
  readonly kind = 'lancedb' as const;
  private readonly options: LanceDbVectorStoreOptions;
  private readonly tables = new Map<string, Promise<TableState>>();
  private readonly writes = new KeyedSerialQueue();

  constructor(
    private readonly db: Connection,
    options: Partial<LanceDbVectorStoreOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  async ensureSpace(space: EmbeddingSpace): Promise<void> {
    await this.tableOf(space);
  }

  async upsert(space: EmbeddingSpace, records: readonly VectorRecord[]): Promise<void> {
    const prepared = prepareRecords(space, records);
    if (prepared.length === 0) return;
    const state = await this.tableOf(space);
    const schema = lanceRecordSchema(space.dimensions);
    await this.writes.run(spaceCollectionName(space), async () => {
      for (let start = 0; start < prepared.length; start += this.options.writeBatchRows) {
        const batch = prepared.slice(start, start + this.options.writeBatchRows);
        const rows = makeArrowTable(batch.map(toLanceRow), { schema });
        await retryingCommitConflicts(() =>
          state.table
            .mergeInsert('id')
            .whenMatchedUpdateAll()
            .whenNotMatchedInsertAll()
            .execute(rows),
        );
      }
      await this.maintain(state, prepared.length);
    });
  }

  async search(space: EmbeddingSpace, query: VectorSearchQuery): Promise<VectorHit[]> {
    assertSearchQuery(space, query);
    const filter = lanceScopeFilter(query);
    const { table } = await this.tableOf(space);
    // The count is a btree lookup (~1-3 ms at 100k rows). It decides between an exact scan and the
    // ANN index per query: IVF probes only some clusters, which would lose a small bot's rows in a
    // table dominated by a large one; exact search keeps small bots at perfect recall.
    const candidates = await table.countRows(filter);
    if (candidates === 0) return [];
    if (candidates <= this.options.exactSearchMaxRows) {
      return this.exactSearch(table, filter, query);
    }
    const search = table
      .vectorSearch(query.vector)
      .column('vector')
      .distanceType('cosine')
      .where(filter)
      .select([...LANCE_SCALAR_COLUMNS, '_distance'])
      .limit(query.topK)
      .nprobes(this.options.nprobes)
      .refineFactor(this.options.refineFactor);
    const rows = (await search.toArray()) as LanceRow[];
    return rows.map(fromLanceRow);
  }

  /**
   * Exact cosine over the scope's own rows: their vectors are read through the scalar indexes and
   * compared here. A flat vector search would read every vector of the table to apply the filter,
   * which on a large table costs ten times more than a small bot's rows.
   */
  private async exactSearch(
    table: Table,
    filter: string,
    query: VectorSearchQuery,
  ): Promise<VectorHit[]> {
    const rows = (await table
      .query()
      .where(filter)
      .select(['id', 'vector'])
      .limit(this.options.exactSearchMaxRows)
      .toArray()) as { id: string; vector: unknown }[];
    const best = rows
      .map((row) => ({ id: String(row.id), score: cosine(query.vector, toNumbers(row.vector)) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, query.topK);
    if (best.length === 0) return [];
    const full = (await table
      .query()
      .where(`${filter} AND id IN (${best.map((b) => sqlStringLiteral(b.id)).join(', ')})`)
      .select([...LANCE_SCALAR_COLUMNS])
      .toArray()) as LanceRow[];
    const byId = new Map(full.map((row) => [String(row.id), row]));
    return best.flatMap(({ id, score }) => {
      const row = byId.get(id);
      return row ? [fromLanceRow({ ...row, _distance: 1 - score })] : [];
    });
  }

  /**
   * BM25 over the chunk texts of one partition (Lance's full-text index; rows written after the
   * index was built are searched too). Each hit also gets its cosine to the query vector, so the
   * caller can rank lexical-only hits next to vector hits.
   */
  async lexicalSearch(space: EmbeddingSpace, query: LexicalSearchQuery): Promise<LexicalHit[]> {
    assertSearchQuery(space, query);
    const state = await this.tableOf(space);
    if (!state.hasTextIndex) await this.refreshIndexState(state);
    if (!state.hasTextIndex || !query.text.trim()) return [];
    const rows = (await state.table
      .query()
      .fullTextSearch(query.text, { columns: 'text' })
      .where(lanceScopeFilter(query))
      .select([...LANCE_SCALAR_COLUMNS, 'vector', '_score'])
      .limit(query.topK)
      .toArray()) as (LanceRow & { _score?: number })[];
    return rows.map((row) => ({
      ...fromLanceRow({ ...row, _distance: 1 - cosine(query.vector, toNumbers(row.vector)) }),
      lexicalScore: Number(row._score ?? 0),
    }));
  }

  async deleteBySource(space: EmbeddingSpace, scope: VectorScope, sourceId: string): Promise<void> {
    assertSafeId(sourceId, 'sourceId');
    const filter = lanceScopeFilter({ ...scope, sourceId });
    const { table } = await this.tableOf(space);
    await this.writes.run(spaceCollectionName(space), () =>
      retryingCommitConflicts(() => table.delete(filter)),
    );
  }

  async countBySource(
    space: EmbeddingSpace,
    scope: VectorScope,
    sourceId: string,
  ): Promise<number> {
    assertSafeId(sourceId, 'sourceId');
    const filter = lanceScopeFilter({ ...scope, sourceId });
    const { table } = await this.tableOf(space);
    return table.countRows(filter);
  }

  async listRecordKeys(space: EmbeddingSpace, scope: VectorScope): Promise<VectorRecordKey[]> {
    const { table } = await this.tableOf(space);
    const rows = (await table
      .query()
      .where(lanceScopeFilter(scope))
      .select(['id', 'source_id'])
      .toArray()) as { id: string; source_id: string }[];
    return rows.map((row) => ({ id: String(row.id), sourceId: String(row.source_id) }));
  }

  async deleteRecords(
    space: EmbeddingSpace,
    scope: VectorScope,
    ids: readonly string[],
  ): Promise<void> {
    ids.forEach((id) => assertSafeId(id, 'record id'));
    if (ids.length === 0) return;
    const filter = lanceScopeFilter(scope);
    const { table } = await this.tableOf(space);
    for (let start = 0; start < ids.length; start += DELETE_BATCH) {
      const batch = ids
        .slice(start, start + DELETE_BATCH)
        .map(sqlStringLiteral)
        .join(', ');
      await this.writes.run(spaceCollectionName(space), () =>
        retryingCommitConflicts(() => table.delete(`${filter} AND id IN (${batch})`)),
      );
    }
  }

  private tableOf(space: EmbeddingSpace): Promise<TableState> {
    assertSpace(space);
    const name = spaceCollectionName(space);
    const cached = this.tables.get(name);
    if (cached) return cached;
    const opening = this.writes.run(name, () => this.openOrCreate(name, space));
    this.tables.set(name, opening);
    // A failed open (disk full, schema clash) must not poison the space for the process lifetime.
    opening.catch(() => {
      if (this.tables.get(name) === opening) this.tables.delete(name);
    });
    return opening;
  }

  private async openOrCreate(name: string, space: EmbeddingSpace): Promise<TableState> {
    // existOk also verifies an existing table has this schema, so a clash fails loudly here.
    const table = await this.db.createEmptyTable(name, lanceRecordSchema(space.dimensions), {
      existOk: true,
    });
    const state = {
      table,
      hasVectorIndex: false,
      hasBotIndex: false,
      hasTextIndex: false,
      writesSinceCompaction: 0,
      rowsSinceCompaction: 0,
    };
    await this.refreshIndexState(state);
    return state;
  }

  /** Runs inside the table's write queue: index creation and compaction are writes too. */
  private async maintain(state: TableState, rowsWritten: number): Promise<void> {
    const { table } = state;
    if (!state.hasBotIndex || !state.hasVectorIndex) await this.refreshIndexState(state);
    if (!state.hasBotIndex) {
      // Every search filters on the bot; a btree turns the prefilter into an index lookup.
      await retryingCommitConflicts(() =>
        table.createIndex('bot_id', { config: Index.btree(), name: BOT_INDEX }),
      );
      state.hasBotIndex = true;
    }
    if (!state.hasTextIndex) {
      // BM25 for hybrid search; rows added later are searched unindexed until the next optimize.
      await retryingCommitConflicts(() =>
        table.createIndex('text', {
          // Stemmed, without stop words: "connections" finds "connection", "the" finds nothing.
          config: Index.fts({ stem: true, removeStopWords: true, asciiFolding: true }),
          name: TEXT_INDEX,
        }),
      );
      state.hasTextIndex = true;
    }
    if (!state.hasVectorIndex && (await table.countRows()) >= this.options.annIndexMinRows) {
      await retryingCommitConflicts(() =>
        table.createIndex('vector', {
          config: Index.ivfPq({ distanceType: 'cosine' }),
          name: VECTOR_INDEX,
        }),
      );
      state.hasVectorIndex = true;
    }
    state.writesSinceCompaction += 1;
    state.rowsSinceCompaction += rowsWritten;
    if (
      state.writesSinceCompaction >= this.options.writesPerCompaction ||
      state.rowsSinceCompaction >= this.options.rowsPerOptimize
    ) {
      // Compacts fragments, folds new rows into the indices and drops versions nobody reads.
      await retryingCommitConflicts(() =>
        table.optimize({ cleanupOlderThan: new Date(Date.now() - KEEP_OLD_VERSIONS_MS) }),
      );
      state.writesSinceCompaction = 0;
      state.rowsSinceCompaction = 0;
    }
  }

  /** Another process may have built an index since this one opened the table. */
  private async refreshIndexState(state: TableState): Promise<void> {
    const indices = await state.table.listIndices();
    state.hasVectorIndex = indices.some((index) => index.columns.includes('vector'));
    state.hasBotIndex = indices.some((index) => index.columns.includes('bot_id'));
    state.hasTextIndex = indices.some((index) => index.columns.includes('text'));
  }
}

/** Arrow hands a fixed-size list back as a typed array or a vector of numbers. */
const toNumbers = (value: unknown): ArrayLike<number> =>
  value && typeof (value as { toArray?: unknown }).toArray === 'function'
    ? (value as { toArray(): ArrayLike<number> }).toArray()
    : ((value as ArrayLike<number> | undefined) ?? []);

const cosine = (a: readonly number[], b: ArrayLike<number>): number => {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
};
