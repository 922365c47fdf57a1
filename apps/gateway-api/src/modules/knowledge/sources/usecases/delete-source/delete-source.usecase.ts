import { Injectable } from '@nestjs/common';
import { KnowledgeCascadeRepository, type TenantScope } from '@cxgenie/database';
import { DocumentSourceRepository } from '../../../documents/document-source.repository';
import { SourceJobs } from '../../../source-jobs';
import { GetSource } from '../get-source/get-source.usecase';

/**
 * The source, its documents and its chunks go together: retrieval stops using them at once. The
 * loader then removes the vectors and stored files, from what the job carries.
 */
@Injectable()
export class DeleteSource {
  constructor(
    private readonly getSource: GetSource,
    private readonly documents: DocumentSourceRepository,
    private readonly cascade: KnowledgeCascadeRepository,
    private readonly jobs: SourceJobs,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<void> {
    const source = await this.getSource.execute(scope, botId, id);
    const documents = await this.documents.documentsOf(scope, source.id);
    await this.cascade.removeSource(scope, source.id);
    await this.jobs.cleanUp(scope, source, documents);
  }
}
