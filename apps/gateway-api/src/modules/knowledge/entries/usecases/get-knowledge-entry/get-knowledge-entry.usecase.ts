import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../../core-modules/http/resource-not-found.exception';
import { KnowledgeBots } from '../../../knowledge-bots';
import type { KnowledgeEntryKind, KnowledgeEntryRow } from '../../knowledge-entry.kind';

/** An entry of another bot is not found under this bot's path, even in the same workspace. */
@Injectable()
export class GetKnowledgeEntry {
  constructor(private readonly bots: KnowledgeBots) {}

  async execute(
    scope: TenantScope,
    kind: KnowledgeEntryKind,
    botId: string,
    id: string,
  ): Promise<KnowledgeEntryRow> {
    await this.bots.require(scope, botId);
    const entry = await kind.repository.findById(scope, id);
    if (!entry || entry.botId !== botId) throw new ResourceNotFoundException(kind.resource);
    return entry;
  }
}
