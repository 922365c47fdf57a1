import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../../core-modules/http/resource-not-found.exception';
import { KnowledgeIndexPublisher } from '../../../knowledge-index.publisher';
import type { KnowledgeEntryKind, KnowledgeEntryRow } from '../../knowledge-entry.kind';
import { GetKnowledgeEntry } from '../get-knowledge-entry/get-knowledge-entry.usecase';
import type { UpdateKnowledgeEntryCommand } from './update-knowledge-entry.command';

@Injectable()
export class UpdateKnowledgeEntry {
  constructor(
    private readonly index: KnowledgeIndexPublisher,
    private readonly getEntry: GetKnowledgeEntry,
  ) {}

  async execute(
    scope: TenantScope,
    kind: KnowledgeEntryKind,
    command: UpdateKnowledgeEntryCommand,
  ): Promise<KnowledgeEntryRow> {
    await this.getEntry.execute(scope, kind, command.botId, command.id);
    const patch = Object.fromEntries(
      kind.fields
        .filter((field) => command.fields[field] !== undefined)
        .map((field) => [field, command.fields[field]]),
    );
    const updated = await kind.repository.update(scope, command.id, patch);
    // Deleted between the lookup and the write.
    if (!updated) throw new ResourceNotFoundException(kind.resource);
    await this.index.changed(scope, kind.sourceType, updated, 'upsert');
    return updated;
  }
}
