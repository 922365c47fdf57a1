import { Injectable } from '@nestjs/common';
import { KnowledgeCascadeRepository, type TenantScope } from '@cxgenie/database';
import { GetDocument } from '../get-document/get-document.usecase';

/** The document, its source and its chunks go together: retrieval stops using them at once. */
@Injectable()
export class DeleteDocument {
  constructor(
    private readonly getDocument: GetDocument,
    private readonly cascade: KnowledgeCascadeRepository,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<void> {
    const { document } = await this.getDocument.execute(scope, botId, id);
    await this.cascade.removeDocument(scope, document);
  }
}
