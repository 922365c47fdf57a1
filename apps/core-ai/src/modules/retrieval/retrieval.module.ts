import { Module } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { BotKnowledgeSettingsReader } from './settings/bot-knowledge-settings.reader';
import {
  BOT_KNOWLEDGE_INDEX_OPTIONS,
  type BotKnowledgeIndexOptions,
  BotKnowledgeIndexes,
} from './lexical/bot-knowledge-indexes';
import { QueryEmbeddingCache } from './memory/query-embedding-cache';
import { RetrievalFlags } from './retrieval.flags';
import { RetrievalService } from './retrieval.service';
import { SearchController } from './search.controller';
import { HotBots } from './warming/hot-bots';
import { WarmHotBots } from './warming/warm-hot-bots';
import { WarmOnStart } from './warming/warm-on-start';
import { BotSettingsChangesSubscriber } from './settings/bot-settings-changes.subscriber';
import { BotSettingsMemory } from './settings/bot-settings-memory';
import { BotSettingsMetrics } from './settings/bot-settings.metrics';

@Module({
  controllers: [SearchController],
  providers: [
    RetrievalService,
    BotKnowledgeIndexes,
    {
      provide: BOT_KNOWLEDGE_INDEX_OPTIONS,
      useFactory: (config: ServiceConfig): BotKnowledgeIndexOptions => ({
        memoryBytes: config.knowledge.indexMemoryBytes,
        revalidateMs: config.knowledge.indexRevalidateMs,
      }),
      inject: [SERVICE_CONFIG],
    },
    {
      provide: QueryEmbeddingCache,
      useFactory: (config: ServiceConfig) =>
        new QueryEmbeddingCache(config.knowledge.queryEmbeddingCacheSize),
      inject: [SERVICE_CONFIG],
    },
    BotKnowledgeSettingsReader,
    {
      provide: BotSettingsMemory,
      useFactory: (config: ServiceConfig) =>
        new BotSettingsMemory({
          capacity: config.knowledge.botSettingsCacheSize,
          ttlMs: config.knowledge.botSettingsCacheTtlMs,
        }),
      inject: [SERVICE_CONFIG],
    },
    BotSettingsChangesSubscriber,
    BotSettingsMetrics,
    RetrievalFlags,
    HotBots.provider(),
    WarmHotBots,
    WarmOnStart,
  ],
  exports: [RetrievalService, BotKnowledgeIndexes, RetrievalFlags],
})
export class RetrievalModule {}
