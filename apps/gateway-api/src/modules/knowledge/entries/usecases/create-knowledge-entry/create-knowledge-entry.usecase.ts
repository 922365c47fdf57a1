import { Injectable } from '@nestjs/common';
import type { CreationAttributes } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';
import { KnowledgeBots } from '../../../knowledge-bots';
import { KnowledgeIndexPublisher } from '../../../knowledge-index.publisher';
import type { KnowledgeEntryKind, KnowledgeEntryRow } from '../../knowledge-entry.kind';
import type { CreateKnowledgeEntryCommand } from './create-knowledge-entry.command';

/** Saved, then queued for core-ai to index (searchable once the job ran). */
@Injectable()
export class CreateKnowledgeEntry {
  constructor(
    private readonly index: KnowledgeIndexPublisher,
    private readonly bots: KnowledgeBots,
  ) {}

  async execute(
    scope: TenantScope,
    kind: KnowledgeEntryKind,
    command: CreateKnowledgeEntryCommand,
  ): Promise<KnowledgeEntryRow> {
    await this.bots.require(scope, command.botId);
    const [first, second] = kind.fields;
    const created = await kind.repository.create(scope, {
      botId: command.botId,
      [first]: command.fields[first],
      [second]: command.fields[second],
    } as unknown as Omit<CreationAttributes<KnowledgeEntryRow>, 'workspaceId'>);
    await this.index.changed(scope, kind.sourceType, created, 'upsert');
    return created;
  }
}
