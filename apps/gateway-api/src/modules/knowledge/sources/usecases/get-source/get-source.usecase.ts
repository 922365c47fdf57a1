import { Injectable } from '@nestjs/common';
import {
  type KnowledgeSource,
  KnowledgeSourceRepository,
  type TenantScope,
} from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../../core-modules/http/resource-not-found.exception';
import { KnowledgeBots } from '../../../knowledge-bots';

/** A source of another bot is not found under this bot's path, even in the same workspace. */
@Injectable()
export class GetSource {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly sources: KnowledgeSourceRepository,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<KnowledgeSource> {
    await this.bots.require(scope, botId);
    const source = await this.sources.findById(scope, id);
    if (!source || source.botId !== botId) throw new ResourceNotFoundException('Knowledge source');
    return source;
  }
}
