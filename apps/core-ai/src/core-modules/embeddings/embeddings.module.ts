import { Global, Module } from '@nestjs/common';
import type { Sequelize } from 'sequelize';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { DATABASE } from '@cxgenie/database';
import { createEmbeddingProvider } from '@cxgenie/embeddings';
import { EMBEDDING_PROVIDER } from './embedding.tokens';

/** One embedding provider per process, chosen by configuration, behind the shared cache. */
@Global()
@Module({
  providers: [
    {
      provide: EMBEDDING_PROVIDER,
      useFactory: (config: ServiceConfig, database: Sequelize) =>
        createEmbeddingProvider(config.ai, database),
      inject: [SERVICE_CONFIG, DATABASE],
    },
  ],
  exports: [EMBEDDING_PROVIDER],
})
export class EmbeddingsModule {}
