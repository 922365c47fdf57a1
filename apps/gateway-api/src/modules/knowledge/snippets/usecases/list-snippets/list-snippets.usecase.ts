import { Injectable } from '@nestjs/common';
import { Op, type WhereOptions } from 'sequelize';
import { type Snippet, SnippetRepository, type Page, type TenantScope } from '@cxgenie/database';
import { KnowledgeBots } from '../../../knowledge-bots';
import { containsPattern } from '../../../../../core-modules/http/validation';
import type { ListSnippetsCommand } from './list-snippets.command';

@Injectable()
export class ListSnippets {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly snippets: SnippetRepository,
  ) {}

  async execute(scope: TenantScope, command: ListSnippetsCommand): Promise<Page<Snippet>> {
    await this.bots.require(scope, command.botId);
    const where: WhereOptions<Snippet> = { botId: command.botId };
    if (command.q) Object.assign(where, { title: { [Op.iLike]: containsPattern(command.q) } });
    return this.snippets.list(scope, { where, limit: command.limit, cursor: command.cursor });
  }
}
