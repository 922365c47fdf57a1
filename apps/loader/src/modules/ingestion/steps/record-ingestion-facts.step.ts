import { Injectable } from '@nestjs/common';
import { AnalyticsPublisher, newFactId } from '@cxgenie/analytics';
import { JobEmbeddings } from '../../../core-modules/embeddings/job-embeddings';
import type { SourceContent } from '../reading/source-content';
import type { IngestRun } from './ingest-run';

/**
 * `ingestion.completed` (pages, chunks, time), and what embedding cost: the chunks embedded
 * (not those reused from the cache), their tokens estimated from the chunks' mean count.
 */
@Injectable()
export class RecordIngestionFacts {
  constructor(
    private readonly analytics: AnalyticsPublisher,
    private readonly embeddings: JobEmbeddings,
  ) {}

  record(run: IngestRun, succeeded: boolean, content: SourceContent | null): void {
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
}
