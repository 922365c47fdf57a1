import { Injectable } from '@nestjs/common';
import type { RetrievedChunk } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { CoreAiClient } from '../../../../core-modules/core-ai/core-ai.client';
import { PlaygroundBots } from '../../playground-bots';
import { PlaygroundEngineException } from '../../playground.exception';
import type { SearchKnowledgeCommand } from './search-knowledge.command';

/** A bot's knowledge as retrieval sees it: the ranked chunks with every score. */
@Injectable()
export class SearchKnowledge {
  constructor(
    private readonly bots: PlaygroundBots,
    private readonly coreAi: CoreAiClient,
  ) {}

  async execute(
    scope: TenantScope,
    command: SearchKnowledgeCommand,
  ): Promise<{ items: RetrievedChunk[]; tookMs: number }> {
    const bot = await this.bots.require(scope, command.botId);
    try {
      const result = await this.coreAi.search({
        workspaceId: scope.workspaceId,
        botId: command.botId,
        query: command.query,
        topK: command.topK ?? bot.knowledge.topK,
        hybrid: bot.knowledge.hybridSearch,
      });
      return { items: result.chunks, tookMs: result.tookMs };
    } catch (error) {
      throw new PlaygroundEngineException((error as Error).message);
    }
  }
}
