import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Tenant } from '../../core-modules/auth/auth.decorators';
import { BotIdParamPipe } from '../knowledge/bot-id.pipe';
import {
  KnowledgeSearchResponse,
  SearchKnowledgeDto,
  TryAnswerDto,
  TryAnswerResponse,
} from './dto/playground.dto';
import { SearchKnowledge } from './usecases/search-knowledge/search-knowledge.usecase';
import { TryAnswer } from './usecases/try-answer/try-answer.usecase';

/** Reads only: any member may try the bot and search its knowledge. */
@ApiTags('playground')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such bot in this workspace' })
@ApiBadGatewayResponse({ description: 'The answer engine (core-ai) failed; the message says how' })
@Controller('api/v1/bots/:botId')
export class PlaygroundController {
  constructor(
    private readonly tryAnswer: TryAnswer,
    private readonly searchKnowledge: SearchKnowledge,
  ) {}

  /** The bot's answer to a question, its verdict, its citations and what retrieval found. */
  @Post('playground')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TryAnswerResponse })
  tryIt(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Body() body: TryAnswerDto,
  ): Promise<TryAnswerResponse> {
    return this.tryAnswer.execute(scope, { botId, ...body });
  }

  /** Ranked chunks of the bot's knowledge for a query, with their scores. */
  @Post('knowledge-search')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: KnowledgeSearchResponse })
  search(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Body() body: SearchKnowledgeDto,
  ): Promise<KnowledgeSearchResponse> {
    return this.searchKnowledge.execute(scope, { botId, ...body });
  }
}
