import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { FlagsClientModule } from '@cxgenie/flags';
import { EmbeddingsModule } from './core-modules/embeddings/embeddings.module';
import { AnsweringModule } from './modules/answering/answering.module';
import { EmbeddingModule } from './modules/embedding/embedding.module';
import { IndexReconciliationModule } from './modules/index-reconciliation/index-reconciliation.module';
import { KnowledgeIndexModule } from './modules/knowledge-index/knowledge-index.module';
import { RetrievalModule } from './modules/retrieval/retrieval.module';

/** Embeddings, retrieval over the four knowledge partitions, prompts and LLM streaming. */
@Module({})
export class CoreAiModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: CoreAiModule,
      imports: [
        PlatformModule.forService(config, options),
        FlagsClientModule.forRoot(),
        EmbeddingsModule,
        RetrievalModule,
        AnsweringModule,
        EmbeddingModule,
        KnowledgeIndexModule,
        IndexReconciliationModule,
      ],
    };
  }
}
