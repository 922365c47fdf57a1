import { Module } from '@nestjs/common';
import { BotKnowledgeSettingsReader } from './bot-knowledge-settings.reader';
import { BotKnowledgeIndexes } from './lexical/bot-knowledge-indexes';
import { RetrievalFlags } from './retrieval.flags';
import { RetrievalService } from './retrieval.service';
import { SearchController } from './search.controller';

@Module({
  controllers: [SearchController],
  providers: [RetrievalService, BotKnowledgeIndexes, BotKnowledgeSettingsReader, RetrievalFlags],
  exports: [RetrievalService, BotKnowledgeIndexes, RetrievalFlags],
})
export class RetrievalModule {}
