import { Injectable } from '@nestjs/common';
import { type Snippet, SnippetRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../../core-modules/http/resource-not-found.exception';
import { GetSnippet } from '../get-snippet/get-snippet.usecase';
import type { UpdateSnippetCommand } from './update-snippet.command';

import { KnowledgeIndexPublisher } from '../../../knowledge-index.publisher';

@Injectable()
export class UpdateSnippet {
  constructor(
    private readonly index: KnowledgeIndexPublisher,
    private readonly getSnippet: GetSnippet,
    private readonly snippets: SnippetRepository,
  ) {}

  async execute(scope: TenantScope, command: UpdateSnippetCommand): Promise<Snippet> {
    await this.getSnippet.execute(scope, command.botId, command.id);
    const { title, content } = command;
    const updated = await this.snippets.update(scope, command.id, {
      ...(title === undefined ? {} : { title }),
      ...(content === undefined ? {} : { content }),
    });
    // Deleted between the lookup and the write.
    if (!updated) throw new ResourceNotFoundException('Snippet');
    await this.index.changed(scope, 'snippet', updated, 'upsert');
    return updated;
  }
}
