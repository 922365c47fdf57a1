import { Module } from '@nestjs/common';
import { BotRepository } from '@cxgenie/database';
import { CoreAiClient } from '../../core-modules/core-ai/core-ai.client';
import { PlaygroundBots } from './playground-bots';
import { PlaygroundController } from './playground.controller';
import { SearchKnowledge } from './usecases/search-knowledge/search-knowledge.usecase';
import { TryAnswer } from './usecases/try-answer/try-answer.usecase';

/** Trying a bot outside any conversation, for the dashboard's playground and knowledge search. */
@Module({
  controllers: [PlaygroundController],
  providers: [BotRepository, CoreAiClient, PlaygroundBots, TryAnswer, SearchKnowledge],
})
export class PlaygroundModule {}
