import type { Sequelize } from 'sequelize';
import type { ServiceConfig } from '@cxgenie/config';
import {
  CachedEmbeddingProvider,
  type EmbeddingCacheStore,
  type EmbeddingProvider,
  type EmbeddingSpace,
  PgEmbeddingCacheStore,
  createModelEmbeddingProvider,
} from '@cxgenie/embeddings';

/** Embedding providers for ingestion jobs: one model and one cache store, a counter per job. */
export class JobEmbeddings {
  private readonly model: EmbeddingProvider;
  private readonly cache: EmbeddingCacheStore;

  constructor(ai: ServiceConfig['ai'], database: Sequelize) {
    this.model = createModelEmbeddingProvider(ai);
    this.cache = new PgEmbeddingCacheStore(database);
  }

  get space(): EmbeddingSpace {
    return this.model.space;
  }

  /** A provider whose `stats()` count only this job's texts: misses were embedded, hits reused. */
  forJob(): CachedEmbeddingProvider {
    return new CachedEmbeddingProvider(this.model, this.cache);
  }
}
