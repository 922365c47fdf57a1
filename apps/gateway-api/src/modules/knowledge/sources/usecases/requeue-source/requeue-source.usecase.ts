import { Injectable } from '@nestjs/common';
import { Op } from 'sequelize';
import type { KnowledgeSource, TenantScope } from '@cxgenie/database';
import { DocumentSourceRepository } from '../../../documents/document-source.repository';
import { SourceJobs } from '../../../source-jobs';
import { KnowledgeException } from '../../../knowledge.exception';
import { GetSource } from '../get-source/get-source.usecase';
import type { RequeueSourceCommand } from './requeue-source.command';

const RUNS: Record<RequeueSourceCommand['reason'], { type: 'website' | 'document'; verb: string }> =
  {
    recrawl: { type: 'website', verb: 're-crawled' },
    reprocess: { type: 'document', verb: 're-processed' },
  };

/**
 * Runs a ready or failed source again: a website is re-crawled, a document re-processed. The
 * loader reuses every embedding it can, so an unchanged source costs no embedding calls.
 */
@Injectable()
export class RequeueSource {
  constructor(
    private readonly getSource: GetSource,
    private readonly documents: DocumentSourceRepository,
    private readonly jobs: SourceJobs,
  ) {}

  async execute(scope: TenantScope, command: RequeueSourceCommand): Promise<KnowledgeSource> {
    const run = RUNS[command.reason];
    const source = await this.getSource.execute(scope, command.botId, command.id);
    if (source.type !== run.type)
      throw KnowledgeException.wrongSourceType(run.verb, run.type, source.type);
    await this.claim(scope, source);
    const documents = await this.documents.documentsOf(scope, source.id);
    await this.jobs.start(scope, source, documents, command.reason);
    return source;
  }

  /** Conditional, so two concurrent requests cannot both queue a run. */
  private async claim(scope: TenantScope, source: KnowledgeSource): Promise<void> {
    const [claimed] = await scope.models.KnowledgeSource.update(
      { status: 'queued', progress: 0, error: null, stats: {} },
      {
        where: {
          workspaceId: scope.workspaceId,
          id: source.id,
          status: { [Op.in]: ['ready', 'failed'] },
        },
      },
    );
    await source.reload();
    if (claimed === 0) throw KnowledgeException.sourceBusy(source.status);
  }
}
