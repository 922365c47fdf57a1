import { Injectable } from '@nestjs/common';
import type { KnowledgePartition, KnowledgeSourceStats } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { type CachedEmbeddingProvider, spaceKey } from '@cxgenie/embeddings';
import { LoaderMetrics } from '../../../core-modules/metrics/loader-metrics';
import type { SourceProgress } from '../progress/source-progress';
import {
  type ChunkMetadata,
  IndexedChunksRepository,
  type SourceRef,
  type StoredChunk,
} from './indexed-chunks.repository';
import { type PreparedChunk, chunkFingerprint } from './prepared-chunk';
import { SourceVectors } from './source-vectors';

/** Chunks per embedding call and per committed batch. */
export const EMBED_BATCH_SIZE = 100;

export interface IndexRun {
  scope: TenantScope;
  source: SourceRef;
  partition: KnowledgePartition;
  chunks: readonly PreparedChunk[];
  embeddings: CachedEmbeddingProvider;
  progress: SourceProgress;
  /** `pipelineKey` of the chunks, recorded with them. */
  pipeline: string;
  /** Progress percent when indexing starts and when the last batch is committed. */
  progressRange: [number, number];
  /**
   * A retry of an interrupted run: its committed batches are already counted in the stats. A
   * fresh run counts the chunks it finds already indexed as reused.
   */
  resumed: boolean;
}

export interface IndexResult {
  /** Positions already indexed exactly as they are now: neither embedded nor written again. */
  skipped: number;
}

/**
 * Embeds and indexes a source's chunks in batches of 100. Each batch is committed on its own:
 * vectors first, then its PostgreSQL rows (with the source's progress) in one transaction. A row
 * therefore proves its position is searchable, and a retried run skips every position whose row
 * has the same fingerprint: finished batches are neither embedded nor written again.
 *
 * Records are keyed by position, so a re-processed source is replaced in place and its previous
 * version stays searchable until each position is rewritten; positions past the new end are
 * removed last.
 */
@Injectable()
export class ChunkIndexer {
  constructor(
    private readonly rows: IndexedChunksRepository,
    private readonly vectors: SourceVectors,
    private readonly metrics: LoaderMetrics,
  ) {}

  async index(run: IndexRun): Promise<IndexResult> {
    const { scope, source, chunks, progress } = run;
    const key = spaceKey(run.embeddings.space);
    await this.vectors.ensureSpace(run.embeddings.space);
    const stored = await this.rows.stored(scope, source);
    const done = await this.indexedPositions(run, stored, key);
    const pending = chunks.filter((chunk) => !done.has(chunk.position));
    const stats: KnowledgeSourceStats = { ...progress.stats, chunks: chunks.length };
    if (!run.resumed) stats.reused += done.size;
    this.metrics.chunkEmbeddings.inc({ outcome: 'reused' }, done.size);

    const [from, to] = run.progressRange;
    let completed = done.size;
    await progress.report({ progress: from, stats });
    for (let start = 0; start < pending.length; start += EMBED_BATCH_SIZE) {
      const batch = pending.slice(start, start + EMBED_BATCH_SIZE);
      const { embedded, reused } = await this.embedAndUpsert(run, batch);
      stats.embedded += embedded;
      stats.reused += reused;
      completed += batch.length;
      const percent = from + ((to - from) * completed) / Math.max(chunks.length, 1);
      await scope.sequelize.transaction(async (transaction) => {
        const rows = batch.map((chunk) => ({
          chunk,
          metadata: metadataOf(chunk, key, run.pipeline),
        }));
        await this.rows.saveBatch(scope, source, rows, transaction);
        await progress.report({ progress: percent, stats }, transaction);
      });
    }
    await this.removeLeftovers(run, stored, key);
    return { skipped: done.size };
  }

  /** Positions stored with the fingerprint they would get now, if the store still has them. */
  private async indexedPositions(
    run: IndexRun,
    stored: ReadonlyMap<number, StoredChunk>,
    key: string,
  ): Promise<Set<number>> {
    const done = new Set<number>();
    for (const chunk of run.chunks) {
      if (stored.get(chunk.position)?.fingerprint === chunkFingerprint(chunk, key)) {
        done.add(chunk.position);
      }
    }
    if (done.size === 0) return done;
    // Vectors are written before rows, so the store holds at least as many records as there are
    // rows; fewer means it lost some (restored backup, new store): everything is indexed again.
    const records = await this.vectors.count(run.embeddings.space, run.source);
    return records >= done.size ? done : new Set();
  }

  private async embedAndUpsert(
    run: IndexRun,
    batch: readonly PreparedChunk[],
  ): Promise<{ embedded: number; reused: number }> {
    const before = run.embeddings.stats();
    const vectors = await this.metrics.time('embed', () =>
      run.embeddings.embed(batch.map((chunk) => chunk.embedText)),
    );
    const after = run.embeddings.stats();
    const embedded = after.misses - before.misses;
    const reused = after.hits - before.hits;
    this.metrics.chunkEmbeddings.inc({ outcome: 'embedded' }, embedded);
    this.metrics.chunkEmbeddings.inc({ outcome: 'reused' }, reused);
    if (embedded > 0) this.metrics.embeddingCalls.inc();
    await this.metrics.time('index', () =>
      this.vectors.upsert(run.embeddings.space, run.source, run.partition, batch, vectors),
    );
    return { embedded, reused };
  }

  /**
   * What the previous version of the source left behind: positions past the new end, and its
   * records in other embedding spaces (the deployment switched models since), which no search of
   * the current space reads but which must not be left to linger.
   */
  private async removeLeftovers(
    run: IndexRun,
    stored: ReadonlyMap<number, StoredChunk>,
    key: string,
  ): Promise<void> {
    const { scope, source, chunks } = run;
    const beyondEnd = [...stored].filter(([position]) => position >= chunks.length);
    const stalePositions = beyondEnd
      .filter(([, chunk]) => chunk.space === key)
      .map(([position]) => position);
    await this.vectors.removePositions(run.embeddings.space, source, run.partition, stalePositions);
    if (beyondEnd.length > 0) await this.rows.removeFrom(scope, source, chunks.length);
    const otherSpaces = new Set([...stored.values()].map((chunk) => chunk.space));
    otherSpaces.delete(key);
    otherSpaces.delete('');
    if (otherSpaces.size > 0) await this.vectors.removeFromSpaces(source, [...otherSpaces]);
  }
}

function metadataOf(chunk: PreparedChunk, space: string, pipeline: string): ChunkMetadata {
  return {
    title: chunk.title,
    headingPath: chunk.headingPath,
    page: chunk.page,
    url: chunk.url,
    space,
    fingerprint: chunkFingerprint(chunk, space),
    pipeline,
  };
}
