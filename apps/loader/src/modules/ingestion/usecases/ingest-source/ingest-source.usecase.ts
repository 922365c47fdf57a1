import { Injectable, Logger } from '@nestjs/common';
import { type KnowledgeSourceStats, PARTITION_OF_SOURCE_TYPE } from '@cxgenie/contracts';
import { type KnowledgeSource, TenantConnections } from '@cxgenie/database';
import { JobEmbeddings } from '../../../../core-modules/embeddings/job-embeddings';
import { LoaderMetrics } from '../../../../core-modules/metrics/loader-metrics';
import { IngestFailure } from '../../ingestion.exception';
import { ChunkIndexer } from '../../indexing/chunk-indexer';
import type { SourceRef } from '../../indexing/indexed-chunks.repository';
import { ProgressPublisher } from '../../progress/progress-publisher';
import { EMPTY_STATS, SourceGoneError, SourceProgress } from '../../progress/source-progress';
import { pipelineKey } from '../../reading/source-content';
import type { IngestRun } from '../../steps/ingest-run';
import {
  DOCUMENT_READ_DONE,
  ReadSourceContent,
  WEBSITE_READ_DONE,
} from '../../steps/read-source-content.step';
import { RecordIngestionFacts } from '../../steps/record-ingestion-facts.step';
import { SourcePurge } from '../remove-source/source-purge';
import type { IngestOutcome, IngestSourceCommand } from './ingest-source.command';

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

  constructor(
    private readonly tenants: TenantConnections,
    private readonly embeddings: JobEmbeddings,
    private readonly reader: ReadSourceContent,
    private readonly indexer: ChunkIndexer,
    private readonly purge: SourcePurge,
    private readonly publisher: ProgressPublisher,
    private readonly metrics: LoaderMetrics,
    private readonly facts: RecordIngestionFacts,
  ) {}

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
    const run: IngestRun = {
      command,
      scope,
      ref,
      progress,
      type: this.reader.typeOf(command),
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

  private async process(run: IngestRun, resumed: boolean): Promise<IngestOutcome> {
    const { command, scope, ref, progress } = run;
    await progress.report({ status: 'processing', progress: 1, error: null });
    const content = await this.reader.read(run);
    const readDone = command.kind === 'website' ? WEBSITE_READ_DONE : DOCUMENT_READ_DONE;
    await progress.report({ progress: readDone, stats: { pages: content.pages } });
    const { skipped } = await this.indexer.index({
      scope,
      source: ref,
      partition: PARTITION_OF_SOURCE_TYPE[command.kind],
      chunks: content.chunks,
      embeddings: this.embeddings.forJob(),
      pipeline: pipelineKey(this.reader.chunking),
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
    this.facts.record(run, true, content);
    this.logger.log(
      `source ${ref.sourceId} ready: ${content.type}, ${stats.pages} page(s), ${stats.chunks} ` +
        `chunk(s), ${stats.embedded} embedded, ${stats.reused} reused, ${skipped} already indexed`,
    );
    return { status: 'ready', stats, skipped };
  }

  private async fail(run: IngestRun, error: unknown): Promise<IngestOutcome> {
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
    this.facts.record(run, false, null);
    this.logger.warn(`source ${ref.sourceId} failed: ${reason}`);
    if (!failure) throw error;
    return { status: 'failed', error: reason };
  }
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
