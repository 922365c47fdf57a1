import { Injectable } from '@nestjs/common';
import { SnippetRepository, type TenantScope } from '@cxgenie/database';
import { GetSnippet } from '../get-snippet/get-snippet.usecase';

/** Soft delete: the row stays recoverable but leaves every list and lookup. */
import { KnowledgeIndexPublisher } from '../../../knowledge-index.publisher';

@Injectable()
export class DeleteSnippet {
  constructor(
    private readonly index: KnowledgeIndexPublisher,
    private readonly getSnippet: GetSnippet,
    private readonly snippets: SnippetRepository,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<void> {
    await this.getSnippet.execute(scope, botId, id);
    await this.snippets.remove(scope, id);
    await this.index.changed(scope, 'snippet', { id, botId }, 'delete');
  }
}
