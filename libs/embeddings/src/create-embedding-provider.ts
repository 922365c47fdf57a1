import type { Sequelize } from 'sequelize';
import type { ServiceConfig } from '@cxgenie/config';
import { CachedEmbeddingProvider } from './cache/cached-embedding.provider';
import { PgEmbeddingCacheStore } from './cache/pg-embedding-cache.store';
import type { EmbeddingProvider } from './embedding-provider';
import { LocalEmbeddingProvider } from './local/local-embedding-provider';
import { OpenAiEmbeddingProvider } from './openai/openai-embedding.provider';

/**
 * The deployment's embedding model, unwrapped: OpenAI (or any compatible server) when configured,
 * the local one otherwise. Callers that count per job wrap it in a cache of their own.
 */
export function createModelEmbeddingProvider(ai: ServiceConfig['ai']): EmbeddingProvider {
  return ai.embeddingProvider === 'openai' && ai.openai.apiKey
    ? new OpenAiEmbeddingProvider({
        apiKey: ai.openai.apiKey,
        baseURL: ai.openai.baseUrl ?? undefined,
        model: ai.openai.embeddingModel,
        dimensions: ai.openai.embeddingDimensions,
      })
    : new LocalEmbeddingProvider({ dimensions: ai.localEmbeddingDimensions });
}

/**
 * The deployment's embedding model behind the PostgreSQL cache keyed by content hash and space,
 * so the same text is never embedded twice by any service (core-ai and the loader share it).
 */
export function createEmbeddingProvider(
  ai: ServiceConfig['ai'],
  database: Sequelize,
): EmbeddingProvider {
  return new CachedEmbeddingProvider(
    createModelEmbeddingProvider(ai),
    new PgEmbeddingCacheStore(database),
  );
}
