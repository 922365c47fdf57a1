import { Inject, Injectable, Logger } from '@nestjs/common';
import { AnalyticsPublisher, newFactId } from '@cxgenie/analytics';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type KnowledgeSourceStats, PARTITION_OF_SOURCE_TYPE } from '@cxgenie/contracts';
import { type KnowledgeSource, TenantConnections, type TenantScope } from '@cxgenie/database';
import { JobEmbeddings } from '../../../../core-modules/embeddings/job-embeddings';
import { LoaderMetrics } from '../../../../core-modules/metrics/loader-metrics';
import { IngestFailure } from '../../ingestion.exception';
import { ChunkIndexer } from '../../indexing/chunk-indexer';
import type { SourceRef } from '../../indexing/indexed-chunks.repository';
import { ProgressPublisher } from '../../progress/progress-publisher';
import { EMPTY_STATS, SourceGoneError, SourceProgress } from '../../progress/source-progress';
import { DocumentReader } from '../../reading/document-reader';
import {
  type ChunkingSettings,
  type SourceContent,
  pipelineKey,
} from '../../reading/source-content';
import { WebsiteReader } from '../../reading/website-reader';
import { SourcePurge } from '../remove-source/source-purge';
import type { IngestOutcome, IngestSourceCommand } from './ingest-source.command';

/** Progress when a document has been read and chunked; indexing fills the rest up to 99. */
const DOCUMENT_READ_DONE = 15;
/** A crawl takes most of a website's time; its pages arrive over it. */
const WEBSITE_READ_DONE = 50;
const LAST_INDEXING_PERCENT = 99;
/** Reasons are shown in the dashboard; an unexpected error's message can be anything. */
const MAX_REASON_CHARS = 500;

/**
 * Processes one knowledge source (an uploaded document or a website) from its bytes to searchable
 * chunks: read, extract, clean, chunk, embed and index, reporting progress throughout. Bad input
 * ends the source `failed` with the reason; an unexpected error is retried when the job has
 * attempts left, and the retry continues where this run stopped. Whenever the source ends
 * `failed`, nothing of it stays searchable.
 */
@Injectable()
export class IngestSource {
  private readonly logger = new Logger(IngestSource.name);
  private readonly chunking: ChunkingSettings;

  constructor(
    private readonly tenants: TenantConnections,
    private readonly embeddings: JobEmbeddings,
    private readonly documents: DocumentReader,
    private readonly websites: WebsiteReader,
    private readonly indexer: ChunkIndexer,
    private readonly purge: SourcePurge,
    private readonly publisher: ProgressPublisher,
    private readonly metrics: LoaderMetrics,
    private readonly analytics: AnalyticsPublisher,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.chunking = {
      maxTokens: config.loader.chunkTokens,
      overlapTokens: config.loader.chunkOverlapTokens,
    };
  }

  async execute(command: IngestSourceCommand): Promise<IngestOutcome> {
    const scope = await this.tenants.scope(command.workspaceId);
    const source = await scope.models.KnowledgeSource.findOne({
      where: { id: command.sourceId, workspaceId: command.workspaceId },
    });
    if (!source) return { status: 'gone' };
    const ref: SourceRef = {
      workspaceId: command.workspaceId,
      botId: command.botId,
      sourceId: command.sourceId,
    };
    // `processing` at the start means a run was interrupted (crash, lost lock): this one resumes.
    const resumed = source.status === 'processing';
    const progress = new SourceProgress(scope, ref, this.publisher, {
      status: source.status,
      progress: resumed ? source.progress : 0,
      stats: resumed ? statsOf(source) : EMPTY_STATS,
    });
    const run = {
      command,
      scope,
      ref,
      progress,
      type: this.typeOf(command),
      startedAt: performance.now(),
    };
    const stopTimer = this.metrics.stageDuration.startTimer({ stage: 'total' });
    try {
      return await this.process(run, resumed);
    } catch (error) {
      return await this.fail(run, error);
    } finally {
      stopTimer();
    }
  }

  private async process(run: Run, resumed: boolean): Promise<IngestOutcome> {
    const { command, scope, ref, progress } = run;
    await progress.report({ status: 'processing', progress: 1, error: null });
    const content = await this.read(run);
    const readDone = command.kind === 'website' ? WEBSITE_READ_DONE : DOCUMENT_READ_DONE;
    await progress.report({ progress: readDone, stats: { pages: content.pages } });
    const { skipped } = await this.indexer.index({
      scope,
      source: ref,
      partition: PARTITION_OF_SOURCE_TYPE[command.kind],
      chunks: content.chunks,
      embeddings: this.embeddings.forJob(),
      pipeline: pipelineKey(this.chunking),
      progress,
      progressRange: [readDone, LAST_INDEXING_PERCENT],
      resumed,
    });
    if (command.document && content.type === 'pdf') {
      await scope.models.Document.update(
        { pageCount: content.pages },
        { where: { id: command.document.documentId, workspaceId: command.workspaceId } },
      );
    }
    await progress.report({ status: 'ready', progress: 100, error: null });
    this.metrics.documentsProcessed.inc({ type: content.type });
    this.metrics.pages.inc({ type: content.type }, content.pages);
    this.metrics.chunks.inc({ type: content.type }, content.chunks.length);
    const stats = progress.stats;
    this.recordFacts(run, true, content);
    this.logger.log(
      `source ${ref.sourceId} ready: ${content.type}, ${stats.pages} page(s), ${stats.chunks} ` +
        `chunk(s), ${stats.embedded} embedded, ${stats.reused} reused, ${skipped} already indexed`,
    );
    return { status: 'ready', stats, skipped };
  }

  private read(run: Run): Promise<SourceContent> {
    const { command, progress } = run;
    if (command.kind === 'website') {
      if (!command.website)
        throw new IngestFailure('crawl_failed', 'the source has no website to crawl');
      return this.websites.read(command.website, this.chunking, (fraction) =>
        progress.report({ progress: 1 + (WEBSITE_READ_DONE - 1) * fraction }),
      );
    }
    if (!command.document) {
      throw new IngestFailure('missing_file', 'the source has no uploaded file to process');
    }
    return this.documents.read(run.scope, command.document, this.chunking, (fraction) =>
      progress.report({ progress: 1 + (DOCUMENT_READ_DONE - 1) * fraction }),
    );
  }

  private async fail(run: Run, error: unknown): Promise<IngestOutcome> {
    const { command, scope, ref, progress } = run;
    if (error instanceof SourceGoneError) {
      await this.purge.vectorsAndChunks(scope, ref);
      return { status: 'gone' };
    }
    const failure = error instanceof IngestFailure ? error : null;
    // A retry resumes from the committed batches, which therefore stay as they are.
    if (!failure && !command.finalAttempt) throw error;
    const reason = failure?.message ?? `processing failed: ${messageOf(error)}`;
    await this.purge.vectorsAndChunks(scope, ref);
    try {
      await progress.report({ status: 'failed', error: reason.slice(0, MAX_REASON_CHARS) });
    } catch (reportError) {
      if (reportError instanceof SourceGoneError) return { status: 'gone' };
      throw reportError;
    }
    this.metrics.documentsFailed.inc({ type: run.type, reason: failure?.code ?? 'error' });
    this.recordFacts(run, false, null);
    this.logger.warn(`source ${ref.sourceId} failed: ${reason}`);
    if (!failure) throw error;
    return { status: 'failed', error: reason };
  }

  /**
   * `ingestion.completed` (pages, chunks, time), and what embedding cost: the chunks embedded
   * (not those reused from the cache), their tokens estimated from the chunks' mean count.
   */
  private recordFacts(run: Run, succeeded: boolean, content: SourceContent | null): void {
    const { ref, progress, command } = run;
    const stats = progress.stats;
    const base = {
      workspaceId: ref.workspaceId,
      occurredAt: new Date().toISOString(),
      botId: ref.botId,
    };
    this.analytics.record({
      ...base,
      type: 'ingestion.completed',
      id: newFactId(),
      sourceId: ref.sourceId,
      sourceType: command.kind,
      succeeded,
      pages: stats.pages,
      chunks: stats.chunks,
      seconds: (performance.now() - run.startedAt) / 1000,
    });
    if (!succeeded || !content || stats.embedded === 0) return;
    const chunkTokens = content.chunks.reduce((sum, chunk) => sum + chunk.tokenCount, 0);
    const meanTokens = content.chunks.length > 0 ? chunkTokens / content.chunks.length : 0;
    const [provider, ...model] = this.embeddings.space.model.split('/');
    this.analytics.record({
      ...base,
      type: 'embedding.usage',
      id: newFactId(),
      provider: provider ?? '',
      model: model.join('/'),
      purpose: 'ingestion',
      texts: stats.embedded,
      tokens: Math.round(stats.embedded * meanTokens),
      latencyMs: 0,
    });
  }

  /** Metrics label of the source before it is read: the format, as far as the type tells. */
  private typeOf(command: IngestSourceCommand): string {
    if (command.kind === 'website') return 'website';
    try {
      return command.document ? this.documents.formatOf(command.document) : 'unknown';
    } catch {
      return 'unknown';
    }
  }
}

interface Run {
  startedAt: number;
  command: IngestSourceCommand;
  scope: TenantScope;
  ref: SourceRef;
  progress: SourceProgress;
  type: string;
}

function statsOf(source: KnowledgeSource): KnowledgeSourceStats {
  const stored = source.stats ?? {};
  const count = (key: keyof KnowledgeSourceStats) =>
    Number.isFinite(stored[key]) ? Number(stored[key]) : 0;
  return {
    pages: count('pages'),
    chunks: count('chunks'),
    embedded: count('embedded'),
    reused: count('reused'),
  };
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
