import { Injectable } from '@nestjs/common';
import { KnowledgeCascadeRepository, type TenantScope } from '@cxgenie/database';
import { SourceJobs } from '../../../source-jobs';
import { GetDocument } from '../get-document/get-document.usecase';

/**
 * The document, its source and its chunks go together: retrieval stops using them at once. The
 * loader then removes the vectors and the stored file, from what the job carries.
 */
@Injectable()
export class DeleteDocument {
  constructor(
    private readonly getDocument: GetDocument,
    private readonly cascade: KnowledgeCascadeRepository,
    private readonly jobs: SourceJobs,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<void> {
    const { document, source } = await this.getDocument.execute(scope, botId, id);
    await this.cascade.removeDocument(scope, document);
    if (source) await this.jobs.cleanUp(scope, source, [document]);
  }
}
