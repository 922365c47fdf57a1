import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsPublisherModule } from '@cxgenie/analytics';
import { PlatformModule, type PlatformOptions, QueuesModule } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { FlagsClientModule } from '@cxgenie/flags';
import { QueueNames } from '@cxgenie/contracts';
import { EmbeddingsModule } from './core-modules/embeddings/embeddings.module';
import { AnsweringModule } from './modules/answering/answering.module';
import { EmbeddingModule } from './modules/embedding/embedding.module';
import { IndexReconciliationModule } from './modules/index-reconciliation/index-reconciliation.module';
import { KnowledgeIndexModule } from './modules/knowledge-index/knowledge-index.module';
import { RetrievalModule } from './modules/retrieval/retrieval.module';
import { SentimentModule } from './modules/sentiment/sentiment.module';
import { StoreMaintenanceModule } from './modules/store-maintenance/store-maintenance.module';

/** Embeddings, retrieval over the four knowledge partitions, prompts, LLM streaming, sentiment. */
@Module({})
export class CoreAiModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: CoreAiModule,
      imports: [
        PlatformModule.forService(config, options),
        FlagsClientModule.forRoot(),
        // Usage facts (answers, sentiment, question embeddings) for the analytics owner.
        QueuesModule.register([QueueNames.AnalyticsEvents, QueueNames.VectorStoreMaintenance]),
        AnalyticsPublisherModule,
        EmbeddingsModule,
        RetrievalModule,
        AnsweringModule,
        EmbeddingModule,
        KnowledgeIndexModule,
        IndexReconciliationModule,
        SentimentModule,
        StoreMaintenanceModule,
      ],
    };
  }
}
