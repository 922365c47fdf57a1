import { Global, Module } from '@nestjs/common';
import type { Sequelize } from 'sequelize';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { DATABASE } from '@cxgenie/database';
import { JobEmbeddings } from './job-embeddings';

/** One embedding model per process, behind the cache core-ai shares. */
@Global()
@Module({
  providers: [
    {
      provide: JobEmbeddings,
      useFactory: (config: ServiceConfig, database: Sequelize) =>
        new JobEmbeddings(config.ai, database),
      inject: [SERVICE_CONFIG, DATABASE],
    },
  ],
  exports: [JobEmbeddings],
})
export class EmbeddingsModule {}
