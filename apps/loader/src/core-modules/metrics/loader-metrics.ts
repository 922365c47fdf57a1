import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@cxgenie/observability';

/** Stages of one ingestion, timed separately so a slow one shows in dashboards. */
export type IngestStage =
  | 'download'
  | 'crawl'
  | 'extract'
  | 'clean'
  | 'chunk'
  | 'embed'
  | 'index'
  | 'total';

/**
 * What the loader did, for Prometheus: per source type (pdf, docx, …, website) documents
 * processed and failed (failures by reason), pages and chunks, chunk embeddings computed vs
 * reused from the cache, embedding-model calls, and stage durations.
 */
@Injectable()
export class LoaderMetrics {
  readonly documentsProcessed: Counter<'type'>;
  readonly documentsFailed: Counter<'type' | 'reason'>;
  readonly pages: Counter<'type'>;
  readonly chunks: Counter<'type'>;
  readonly chunkEmbeddings: Counter<'outcome'>;
  readonly embeddingCalls: Counter;
  readonly stageDuration: Histogram<'stage'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.documentsProcessed = new Counter({
      name: 'loader_documents_processed_total',
      help: 'Knowledge sources ingested to ready, by type (pdf, docx, xlsx, csv, html, markdown, text, website)',
      labelNames: ['type'],
      registers,
    });
    this.documentsFailed = new Counter({
      name: 'loader_documents_failed_total',
      help: 'Knowledge sources that ended failed, by type and reason',
      labelNames: ['type', 'reason'],
      registers,
    });
    this.pages = new Counter({
      name: 'loader_pages_total',
      help: 'Pages read (PDF pages, crawled web pages; 1 for other documents), by type',
      labelNames: ['type'],
      registers,
    });
    this.chunks = new Counter({
      name: 'loader_chunks_total',
      help: 'Chunks produced, by source type',
      labelNames: ['type'],
      registers,
    });
    this.chunkEmbeddings = new Counter({
      name: 'loader_chunk_embeddings_total',
      help: 'Chunk embeddings by outcome: embedded (computed by the model) or reused (from the cache or an earlier run)',
      labelNames: ['outcome'],
      registers,
    });
    this.embeddingCalls = new Counter({
      name: 'loader_embedding_calls_total',
      help: 'Batches that needed the embedding model (at least one chunk not in the cache)',
      registers,
    });
    this.stageDuration = new Histogram({
      name: 'loader_stage_duration_seconds',
      help: 'Time spent per ingestion stage',
      labelNames: ['stage'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
  }

  /** Runs `work`, recording its duration under `stage` whether it succeeds or not. */
  async time<T>(stage: IngestStage, work: () => Promise<T>): Promise<T> {
    const stop = this.stageDuration.startTimer({ stage });
    try {
      return await work();
    } finally {
      stop();
    }
  }
}
