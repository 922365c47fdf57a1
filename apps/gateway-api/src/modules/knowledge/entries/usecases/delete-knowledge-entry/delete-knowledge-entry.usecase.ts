import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { KnowledgeIndexPublisher } from '../../../knowledge-index.publisher';
import type { KnowledgeEntryKind } from '../../knowledge-entry.kind';
import { GetKnowledgeEntry } from '../get-knowledge-entry/get-knowledge-entry.usecase';

/** Soft delete: the row stays recoverable but leaves every list and lookup, and the index. */
@Injectable()
export class DeleteKnowledgeEntry {
  constructor(
    private readonly index: KnowledgeIndexPublisher,
    private readonly getEntry: GetKnowledgeEntry,
  ) {}

  async execute(
    scope: TenantScope,
    kind: KnowledgeEntryKind,
    botId: string,
    id: string,
  ): Promise<void> {
    await this.getEntry.execute(scope, kind, botId, id);
    await kind.repository.remove(scope, id);
    await this.index.changed(scope, kind.sourceType, { id, botId }, 'delete');
  }
}
