import { Injectable, Logger } from '@nestjs/common';
import type { LoaderIngestJobData } from '@cxgenie/contracts';
import type { Document, KnowledgeSource, TenantScope } from '@cxgenie/database';
import { KnowledgeIngestPublisher } from './knowledge-ingest.publisher';
import { KnowledgeException } from './knowledge.exception';

export const NOT_QUEUED_ERROR =
  'Processing could not be queued. Re-process (or re-crawl) the source to try again.';

/**
 * Starts or undoes a source's processing in the loader, keeping the source row truthful when the
 * queue is unreachable: a source that could not be queued is `failed` with a reason to retry,
 * never `queued` forever.
 */
@Injectable()
export class SourceJobs {
  private readonly logger = new Logger(SourceJobs.name);

  constructor(private readonly publisher: KnowledgeIngestPublisher) {}

  /** @throws KnowledgeException (NOT_QUEUED) after marking the source failed. */
  async start(
    scope: TenantScope,
    source: KnowledgeSource,
    documents: Document[],
    reason: Exclude<LoaderIngestJobData['reason'], 'delete'>,
  ): Promise<void> {
    try {
      await this.publisher.source(scope, source, documents, reason);
    } catch (error) {
      this.logger.error(`could not queue ${reason} of source ${source.id}: ${String(error)}`);
      await this.markUnqueued(scope, [source.id]);
      throw KnowledgeException.notQueued();
    }
  }

  /**
   * After the soft delete, which already hides the source: when the queue is down the vectors
   * stay orphaned but unreachable through the source, so the delete still succeeds.
   */
  async cleanUp(scope: TenantScope, source: KnowledgeSource, documents: Document[]): Promise<void> {
    try {
      await this.publisher.source(scope, source, documents, 'delete');
    } catch (error) {
      this.logger.error(
        `could not queue clean-up of deleted source ${source.id}: ${String(error)}`,
      );
    }
  }

  async markUnqueued(scope: TenantScope, sourceIds: string[]): Promise<void> {
    if (sourceIds.length === 0) return;
    await scope.models.KnowledgeSource.update(
      { status: 'failed', error: NOT_QUEUED_ERROR },
      { where: { workspaceId: scope.workspaceId, id: sourceIds } },
    );
  }
}
