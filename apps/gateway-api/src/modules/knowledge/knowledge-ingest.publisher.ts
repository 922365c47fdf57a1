import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type LoaderIngestJobData, QueueNames } from '@cxgenie/contracts';
import type { Document, KnowledgeSource, TenantScope } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';

type Reason = LoaderIngestJobData['reason'];

/**
 * Hands a source to the loader service. Queued after the rows are committed, so the loader never
 * picks up a job whose source it cannot read yet; the job carries what the loader needs to start
 * even after the rows were soft-deleted (`delete`).
 */
@Injectable()
export class KnowledgeIngestPublisher {
  constructor(
    @InjectQueue(QueueNames.LoaderIngest)
    private readonly queue: Queue<LoaderIngestJobData>,
  ) {}

  async document(
    scope: TenantScope,
    source: KnowledgeSource,
    document: Document,
    reason: Reason,
  ): Promise<void> {
    await this.queue.add(
      withTraceId({
        ...this.base(scope, source, 'document', reason),
        document: {
          documentId: document.id,
          storageKey: document.storageKey,
          filename: document.filename,
          mimeType: document.mimeType,
          // BIGINT arrives from pg as a string.
          sizeBytes: Number(document.sizeBytes),
        },
      }),
    );
  }

  async website(scope: TenantScope, source: KnowledgeSource, reason: Reason): Promise<void> {
    const config = source.config;
    await this.queue.add(
      withTraceId({
        ...this.base(scope, source, 'website', reason),
        website: {
          startUrl: String(config['url']),
          sitemapUrl: typeof config['sitemapUrl'] === 'string' ? config['sitemapUrl'] : null,
          maxPages: Number(config['maxPages']),
          maxDepth: Number(config['maxDepth']),
        },
      }),
    );
  }

  /**
   * A source whose processing must be (re)started or undone. FAQ and snippet sources are indexed
   * by core-ai, not the loader, so they queue nothing here.
   */
  async source(
    scope: TenantScope,
    source: KnowledgeSource,
    documents: Document[],
    reason: Reason,
  ): Promise<void> {
    if (source.type === 'website') return this.website(scope, source, reason);
    if (source.type !== 'document') return;
    if (documents.length === 0) {
      await this.queue.add(withTraceId(this.base(scope, source, 'document', reason)));
      return;
    }
    for (const document of documents) await this.document(scope, source, document, reason);
  }

  private base(
    scope: TenantScope,
    source: KnowledgeSource,
    kind: LoaderIngestJobData['kind'],
    reason: Reason,
  ): Omit<LoaderIngestJobData, 'traceId'> {
    return {
      workspaceId: scope.workspaceId,
      botId: source.botId,
      sourceId: source.id,
      kind,
      reason,
    };
  }
}
