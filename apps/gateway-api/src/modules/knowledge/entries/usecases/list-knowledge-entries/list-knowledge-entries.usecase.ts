import { Injectable } from '@nestjs/common';
import { Op, type WhereOptions } from 'sequelize';
import type { Page, TenantScope } from '@cxgenie/database';
import { containsPattern } from '../../../../../core-modules/http/validation';
import { KnowledgeBots } from '../../../knowledge-bots';
import type { KnowledgeEntryKind, KnowledgeEntryRow } from '../../knowledge-entry.kind';
import type { ListKnowledgeEntriesCommand } from './list-knowledge-entries.command';

@Injectable()
export class ListKnowledgeEntries {
  constructor(private readonly bots: KnowledgeBots) {}

  async execute(
    scope: TenantScope,
    kind: KnowledgeEntryKind,
    command: ListKnowledgeEntriesCommand,
  ): Promise<Page<KnowledgeEntryRow>> {
    await this.bots.require(scope, command.botId);
    const where: Record<string, unknown> = { botId: command.botId };
    if (command.q) where[kind.searchField] = { [Op.iLike]: containsPattern(command.q) };
    return kind.repository.list(scope, {
      where: where as WhereOptions<KnowledgeEntryRow>,
      limit: command.limit,
      cursor: command.cursor,
    });
  }
}
