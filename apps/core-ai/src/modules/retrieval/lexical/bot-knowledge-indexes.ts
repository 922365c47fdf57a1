import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EmbeddingSpace } from '@cxgenie/embeddings';
import { VECTOR_STORE, type VectorScope, type VectorStore } from '@cxgenie/vector-store';
import { BotKnowledgeIndex } from './bot-knowledge-index';

/** Chunks kept in memory across all bots; the least recently used bots are dropped first. */
export const MAX_CACHED_CHUNKS = 200_000;

const keyOf = (space: EmbeddingSpace, scope: VectorScope) =>
  `${space.model}@${space.dimensions}|${scope.workspaceId}|${scope.botId}`;

/**
 * Each bot's knowledge index, built from the vector store on first use and rebuilt when the bot's
 * chunks change (the store's revision of the bot says so; a write elsewhere costs one version
 * check). Concurrent requests for one bot share one build.
 */
@Injectable()
export class BotKnowledgeIndexes {
  private readonly logger = new Logger(BotKnowledgeIndexes.name);
  private readonly cache = new Map<string, BotKnowledgeIndex>();
  private readonly building = new Map<string, Promise<BotKnowledgeIndex>>();

  constructor(@Inject(VECTOR_STORE) private readonly store: VectorStore) {}

  async of(space: EmbeddingSpace, scope: VectorScope): Promise<BotKnowledgeIndex> {
    const key = keyOf(space, scope);
    const revision = await this.store.scopeRevision(space, scope);
    const cached = this.cache.get(key);
    if (cached && cached.revision === revision) {
      // Most recently used last, so eviction takes the oldest.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const pending = this.building.get(`${key}|${revision}`);
    if (pending) return pending;
    const build = this.build(space, scope, revision, cached).finally(() =>
      this.building.delete(`${key}|${revision}`),
    );
    this.building.set(`${key}|${revision}`, build);
    return build;
  }

  private async build(
    space: EmbeddingSpace,
    scope: VectorScope,
    revision: string,
    previous: BotKnowledgeIndex | undefined,
  ): Promise<BotKnowledgeIndex> {
    const started = performance.now();
    const chunks = await this.store.scanScope(space, scope);
    const index = BotKnowledgeIndex.build(revision, chunks, previous);
    const key = keyOf(space, scope);
    this.cache.delete(key);
    this.cache.set(key, index);
    this.evict();
    const ms = Math.round(performance.now() - started);
    if (ms > 200)
      this.logger.log(`indexed ${chunks.length} chunks of bot ${scope.botId} in ${ms} ms`);
    return index;
  }

  private evict(): void {
    let total = [...this.cache.values()].reduce((sum, index) => sum + index.size, 0);
    for (const [key, index] of this.cache) {
      if (total <= MAX_CACHED_CHUNKS || this.cache.size <= 1) break;
      this.cache.delete(key);
      total -= index.size;
    }
  }
}
