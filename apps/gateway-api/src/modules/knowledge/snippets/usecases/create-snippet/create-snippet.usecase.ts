import { Injectable } from '@nestjs/common';
import { type Snippet, SnippetRepository, type TenantScope } from '@cxgenie/database';
import { KnowledgeBots } from '../../../knowledge-bots';
import type { CreateSnippetCommand } from './create-snippet.command';

import { KnowledgeIndexPublisher } from '../../../knowledge-index.publisher';

@Injectable()
export class CreateSnippet {
  constructor(
    private readonly index: KnowledgeIndexPublisher,
    private readonly bots: KnowledgeBots,
    private readonly snippets: SnippetRepository,
  ) {}

  async execute(scope: TenantScope, command: CreateSnippetCommand): Promise<Snippet> {
    await this.bots.require(scope, command.botId);
    const created = await this.snippets.create(scope, {
      botId: command.botId,
      title: command.title,
      content: command.content,
    });
    await this.index.changed(scope, 'snippet', created, 'upsert');
    return created;
  }
}
