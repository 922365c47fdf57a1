import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Connection, Index, type Table, makeArrowTable } from '@lancedb/lancedb';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import { KeyedSerialQueue } from '@cxgenie/concurrency';
import { lanceScopeFilter, sqlStringLiteral } from '../scope-filters';
import { spaceCollectionName } from '../space-collection-name';
import {
  assertSearchQuery,
  assertSpace,
  assertSafeId,
  prepareRecords,
} from '../vector-record.validation';
import type {
  ScopeVectors,
  StoredChunk,
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
  fromLanceStoredRow,
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
// Versions a concurrent reader (another process) may still be reading are kept this long.
const KEEP_OLD_VERSIONS_MS = 10 * 60_000;

const MAX_TRACKED_REVISIONS = 10_000;
/** Optimize passes one maintenance run gives a table at most. */
const MAINTENANCE_PASSES = 3;

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
  /** Per scope: the table version a revision was computed at. */
  private readonly revisions = new Map<string, { version: number; revision: string }>();

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
      await this.maintainAfterWrite(state, prepared.length);
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
    const rows = (await this.annSearch(table, filter, query)
      .select([...LANCE_SCALAR_COLUMNS, '_distance'])
      .toArray()) as LanceRow[];
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
    const best = await this.exactNearest(table, filter, query);
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

  async nearest(
    space: EmbeddingSpace,
    query: VectorSearchQuery,
  ): Promise<{ id: string; score: number }[]> {
    assertSearchQuery(space, query);
    const filter = lanceScopeFilter(query);
    const { table } = await this.tableOf(space);
    const candidates = await table.countRows(filter);
    if (candidates === 0) return [];
    if (candidates <= this.options.exactSearchMaxRows) {
      return this.exactNearest(table, filter, query);
    }
    const rows = (await this.annSearch(table, filter, query)
      .select(['id', '_distance'])
      .toArray()) as { id: unknown; _distance: unknown }[];
    return rows.map((row) => ({ id: String(row.id), score: 1 - Number(row._distance) }));
  }

  private annSearch(table: Table, filter: string, query: VectorSearchQuery) {
    return table
      .vectorSearch(query.vector)
      .column('vector')
      .distanceType('cosine')
      .where(filter)
      .limit(query.topK)
      .nprobes(this.options.nprobes)
      .refineFactor(this.options.refineFactor);
  }

  private async exactNearest(
    table: Table,
    filter: string,
    query: VectorSearchQuery,
  ): Promise<{ id: string; score: number }[]> {
    // Read as Arrow and scored straight from its column buffers: turning thousands of rows into JS
    // objects, each with its vector copied out, cost more than the cosines themselves.
    const arrow = await table
      .query()
      .where(filter)
      .select(['id', 'vector'])
      .limit(this.options.exactSearchMaxRows)
      .toArrow();
    const scored: { id: string; score: number }[] = [];
    const q = Float32Array.from(query.vector);
    let qNorm = 0;
    for (const x of q) qNorm += x * x;
    qNorm = Math.sqrt(qNorm);
    for (const batch of arrow.batches) {
      const ids = batch.getChild('id');
      const vectors = batch.getChild('vector');
      if (!ids || !vectors) continue;
      const data = vectors.data[0]!;
      const values = data.children[0]!.values as Float32Array;
      const dims = q.length;
      const offset = data.offset;
      for (let row = 0; row < batch.numRows; row += 1) {
        const start = (offset + row) * dims;
        let dot = 0;
        let norm = 0;
        for (let i = 0; i < dims; i += 1) {
          const y = values[start + i]!;
          dot += q[i]! * y;
          norm += y * y;
        }
        const score = qNorm === 0 || norm === 0 ? 0 : dot / (qNorm * Math.sqrt(norm));
        scored.push({ id: String(ids.get(row)), score });
      }
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, query.topK);
  }

  async scanScope(space: EmbeddingSpace, scope: VectorScope): Promise<StoredChunk[]> {
    const { table } = await this.tableOf(space);
    const rows = (await table
      .query()
      .where(lanceScopeFilter(scope))
      .select([...LANCE_SCALAR_COLUMNS])
      .toArray()) as LanceRow[];
    return rows.map(fromLanceStoredRow);
  }

  async scanScopeVectors(space: EmbeddingSpace, scope: VectorScope): Promise<ScopeVectors> {
    const { table } = await this.tableOf(space);
    const arrow = await table
      .query()
      .where(lanceScopeFilter(scope))
      .select(['id', 'vector'])
      .toArrow();
    const dims = space.dimensions;
    const ids: string[] = [];
    const vectors = new Float32Array(arrow.numRows * dims);
    for (const batch of arrow.batches) {
      const idColumn = batch.getChild('id');
      const vectorColumn = batch.getChild('vector');
      if (!idColumn || !vectorColumn) continue;
      const data = vectorColumn.data[0]!;
      const values = data.children[0]!.values as Float32Array;
      const start = data.offset * dims;
      vectors.set(values.subarray(start, start + batch.numRows * dims), ids.length * dims);
      for (let row = 0; row < batch.numRows; row += 1) ids.push(String(idColumn.get(row)));
    }
    return { ids, vectors: vectors.subarray(0, ids.length * dims) };
  }

  /**
   * Every table of the store, whichever process wrote it: the bot index created if missing, and
   * the table optimized (fragments compacted, new rows folded into the indexes, versions older
   * than KEEP_OLD_VERSIONS_MS dropped) when it has small fragments or rows outside an index.
   * The in-process write counters only see this process's writes; this sees everybody's.
   */
  async maintain(): Promise<number> {
    let changed = 0;
    for (const name of await this.db.tableNames()) {
      const done = await this.writes.run(name, async () => {
        const table = await this.db.openTable(name);
        try {
          return await this.maintainTable(table);
        } finally {
          table.close();
        }
      });
      if (done) changed += 1;
    }
    return changed;
  }

  private async maintainTable(table: Table): Promise<boolean> {
    if ((await table.countRows()) === 0) return false;
    const indices = await table.listIndices();
    let changed = false;
    if (!indices.some((index) => index.columns.includes('bot_id'))) {
      await retryingCommitConflicts(() =>
        table.createIndex('bot_id', { config: Index.btree(), name: BOT_INDEX }),
      );
      changed = true;
    }
    // One optimize may leave a fragment out of the compaction (Lance compacts around the
    // fragments an index covers); a second pass folds it in. Bounded: a table whose fragments
    // will not merge must not hold the write queue.
    for (let pass = 0; pass < MAINTENANCE_PASSES; pass += 1) {
      const { fragmentStats } = await table.stats();
      let unindexed = 0;
      for (const index of await table.listIndices()) {
        unindexed += (await table.indexStats(index.name))?.numUnindexedRows ?? 0;
      }
      if (fragmentStats.numSmallFragments <= 1 && unindexed === 0) break;
      await retryingCommitConflicts(() =>
        table.optimize({ cleanupOlderThan: new Date(Date.now() - KEEP_OLD_VERSIONS_MS) }),
      );
      changed = true;
    }
    return changed;
  }

  /**
   * The table's version answers "nothing changed" in one call; only after a write (by any bot)
   * is the bot's own state read: the ids and update times of its rows, hashed.
   */
  async scopeRevision(space: EmbeddingSpace, scope: VectorScope): Promise<string> {
    const filter = lanceScopeFilter(scope);
    const { table } = await this.tableOf(space);
    const version = await table.version();
    const key = `${spaceCollectionName(space)}|${filter}`;
    const seen = this.revisions.get(key);
    if (seen && seen.version === version) return seen.revision;
    const rows = (await table.query().where(filter).select(['id', 'updated_at']).toArray()) as {
      id: unknown;
      updated_at: unknown;
    }[];
    const stamps = rows.map((row) => `${String(row.id)}@${String(row.updated_at)}`).sort();
    const revision = createHash('sha1').update(stamps.join('\n')).digest('hex');
    this.revisions.set(key, { version, revision });
    if (this.revisions.size > MAX_TRACKED_REVISIONS) {
      this.revisions.delete(this.revisions.keys().next().value!);
    }
    return revision;
  }

  async deleteBySource(space: EmbeddingSpace, scope: VectorScope, sourceId: string): Promise<void> {
    assertSafeId(sourceId, 'sourceId');
    const filter = lanceScopeFilter({ ...scope, sourceId });
    const { table } = await this.tableOf(space);
    await this.writes.run(spaceCollectionName(space), () =>
      retryingCommitConflicts(() => table.delete(filter)),
    );
  }

  async deleteScope(space: EmbeddingSpace, scope: VectorScope): Promise<void> {
    const filter = lanceScopeFilter(scope);
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
      writesSinceCompaction: 0,
      rowsSinceCompaction: 0,
    };
    await this.refreshIndexState(state);
    return state;
  }

  /** Runs inside the table's write queue: index creation and compaction are writes too. */
  private async maintainAfterWrite(state: TableState, rowsWritten: number): Promise<void> {
    const { table } = state;
    if (!state.hasBotIndex || !state.hasVectorIndex) await this.refreshIndexState(state);
    if (!state.hasBotIndex) {
      // Every search filters on the bot; a btree turns the prefilter into an index lookup.
      await retryingCommitConflicts(() =>
        table.createIndex('bot_id', { config: Index.btree(), name: BOT_INDEX }),
      );
      state.hasBotIndex = true;
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
  }
}
