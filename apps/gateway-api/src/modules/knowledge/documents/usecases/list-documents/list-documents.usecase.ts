import { Injectable } from '@nestjs/common';
import {
  type Document,
  DocumentRepository,
  type KnowledgeSource,
  KnowledgeSourceRepository,
  type Page,
  type TenantScope,
} from '@cxgenie/database';
import { KnowledgeBots } from '../../../knowledge-bots';
import type { ListDocumentsCommand } from './list-documents.command';

export interface DocumentWithSource {
  document: Document;
  source: KnowledgeSource | undefined;
}

@Injectable()
export class ListDocuments {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly documents: DocumentRepository,
    private readonly sources: KnowledgeSourceRepository,
  ) {}

  async execute(
    scope: TenantScope,
    command: ListDocumentsCommand,
  ): Promise<Page<DocumentWithSource>> {
    await this.bots.require(scope, command.botId);
    const page = await this.documents.list(scope, {
      where: { botId: command.botId },
      limit: command.limit,
      cursor: command.cursor,
    });
    const sources = await this.sourcesOf(scope, page.items);
    return {
      items: page.items.map((document) => ({ document, source: sources.get(document.sourceId) })),
      nextCursor: page.nextCursor,
    };
  }

  /** One query for the whole page rather than one per document. */
  private async sourcesOf(
    scope: TenantScope,
    documents: Document[],
  ): Promise<Map<string, KnowledgeSource>> {
    const ids = [...new Set(documents.map((d) => d.sourceId))];
    if (ids.length === 0) return new Map();
    const { items } = await this.sources.list(scope, { where: { id: ids }, limit: ids.length });
    return new Map(items.map((source) => [source.id, source]));
  }
}
