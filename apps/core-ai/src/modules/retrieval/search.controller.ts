import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CORE_AI_SEARCH_PATH, type SearchResponse } from '@cxgenie/contracts';
import { InternalRoute } from '@cxgenie/observability';
import { RetrievalService } from './retrieval.service';
import { resolveRetrievalSettings } from './retrieval-settings';
import { SearchRequestDto } from './search-request.dto';

/** Ranked chunks for a query: what the bot would answer from, with scores and sources. */
@InternalRoute()
@Controller()
export class SearchController {
  constructor(private readonly retrieval: RetrievalService) {}

  @Post(CORE_AI_SEARCH_PATH)
  @HttpCode(200)
  async search(@Body() request: SearchRequestDto): Promise<SearchResponse> {
    const settings = resolveRetrievalSettings(undefined, {
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
  }
}
