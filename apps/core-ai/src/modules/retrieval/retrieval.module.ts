import { Module } from '@nestjs/common';
import { BotKnowledgeSettingsReader } from './bot-knowledge-settings.reader';
import { BotKnowledgeIndexes } from './lexical/bot-knowledge-indexes';
import { RetrievalService } from './retrieval.service';
import { SearchController } from './search.controller';

@Module({
  controllers: [SearchController],
  providers: [RetrievalService, BotKnowledgeIndexes, BotKnowledgeSettingsReader],
  exports: [RetrievalService, BotKnowledgeIndexes],
})
export class RetrievalModule {}
