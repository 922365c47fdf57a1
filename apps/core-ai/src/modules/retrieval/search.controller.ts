import { Body, Controller, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { CORE_AI_SEARCH_PATH, type SearchResponse } from '@cxgenie/contracts';
import { InternalRoute } from '@cxgenie/observability';
import { BotKnowledgeSettingsReader } from './settings/bot-knowledge-settings.reader';
import { RetrievalService } from './retrieval.service';
import { resolveRetrievalSettings } from './retrieval-settings';
import { RetrievalErrorCode, RetrievalException } from './retrieval.exception';
import { SearchRequestDto } from './search-request.dto';

/**
 * Ranked chunks for a query: what the bot would answer from, with scores and sources. The bot's
 * own settings apply unless the request overrides them.
 */
@InternalRoute()
@Controller()
export class SearchController {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly settings: BotKnowledgeSettingsReader,
  ) {}

  @Post(CORE_AI_SEARCH_PATH)
  @HttpCode(200)
  async search(@Body() request: SearchRequestDto): Promise<SearchResponse> {
    try {
      const own = await this.settings.read(request.workspaceId, request.botId);
      const settings = resolveRetrievalSettings(own, {
        topK: request.topK,
        hybridSearch: request.hybrid,
        maxContextTokens: request.maxContextTokens,
      });
      const { chunks, tookMs } = await this.retrieval.retrieve(
        { workspaceId: request.workspaceId, botId: request.botId },
        request.query,
        settings,
      );
      return { chunks, tookMs };
    } catch (error) {
      if (error instanceof RetrievalException && error.code === RetrievalErrorCode.BotNotFound) {
        throw new NotFoundException({
          message: error.message,
          details: [{ field: 'botId', message: 'does not exist in this workspace' }],
        });
      }
      throw error;
    }
  }
}
