import { Injectable } from '@nestjs/common';
import type { WhereOptions } from 'sequelize';
import {
  type KnowledgeSource,
  KnowledgeSourceRepository,
  type Page,
  type TenantScope,
} from '@cxgenie/database';
import { KnowledgeBots } from '../../../knowledge-bots';
import type { ListSourcesCommand } from './list-sources.command';

@Injectable()
export class ListSources {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly sources: KnowledgeSourceRepository,
  ) {}

  async execute(scope: TenantScope, command: ListSourcesCommand): Promise<Page<KnowledgeSource>> {
    await this.bots.require(scope, command.botId);
    const where: WhereOptions<KnowledgeSource> = {
      botId: command.botId,
      ...(command.type ? { type: command.type } : {}),
      ...(command.status ? { status: command.status } : {}),
    };
    return this.sources.list(scope, { where, limit: command.limit, cursor: command.cursor });
  }
}
