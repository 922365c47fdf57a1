import { Injectable } from '@nestjs/common';
import { DocumentRepository, KnowledgeSourceRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../../core-modules/http/resource-not-found.exception';
import { KnowledgeBots } from '../../../knowledge-bots';
import type { DocumentWithSource } from '../list-documents/list-documents.usecase';

/** A document of another bot is not found under this bot's path, even in the same workspace. */
@Injectable()
export class GetDocument {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly documents: DocumentRepository,
    private readonly sources: KnowledgeSourceRepository,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<DocumentWithSource> {
    await this.bots.require(scope, botId);
    const document = await this.documents.findById(scope, id);
    if (!document || document.botId !== botId) throw new ResourceNotFoundException('Document');
    const source = (await this.sources.findById(scope, document.sourceId)) ?? undefined;
    return { document, source };
  }
}
