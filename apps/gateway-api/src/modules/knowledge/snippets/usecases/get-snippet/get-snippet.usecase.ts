import { Injectable } from '@nestjs/common';
import { type Snippet, SnippetRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../../core-modules/http/resource-not-found.exception';
import { KnowledgeBots } from '../../../knowledge-bots';

/** A snippet of another bot is not found under this bot's path, even in the same workspace. */
@Injectable()
export class GetSnippet {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly snippets: SnippetRepository,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<Snippet> {
    await this.bots.require(scope, botId);
    const snippet = await this.snippets.findById(scope, id);
    if (!snippet || snippet.botId !== botId) throw new ResourceNotFoundException('Snippet');
    return snippet;
  }
}
