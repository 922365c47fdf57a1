import { Logger } from '@nestjs/common';
import { type EmbeddingProvider, type EmbeddingSpace, spaceKey } from '../embedding-provider';
import {
  type CachedVector,
  type EmbeddingCacheStore,
  embeddingContentHash,
} from './embedding-cache.store';

export interface EmbeddingCacheStats {
  /** Texts asked for. */
  requested: number;
  /** Texts answered without the inner provider: found in the store, or repeated within a call. */
  hits: number;
  /** Distinct texts the inner provider embedded. */
  misses: number;
}

/**
 * Embeds only what has not been embedded before in the same space: a re-crawled website or a
 * re-uploaded document costs nothing for its unchanged chunks. The store is an optimisation, so
 * a store failure is logged and the call goes on as all misses.
 *
 * Counters are cumulative; wrapping is cheap, so a job wanting its own "embedded vs reused"
 * numbers wraps the provider for itself.
 */
export class CachedEmbeddingProvider implements EmbeddingProvider {
  private readonly logger = new Logger(CachedEmbeddingProvider.name);
  private readonly key: string;
  private readonly counters: EmbeddingCacheStats = { requested: 0, hits: 0, misses: 0 };

  constructor(
    private readonly inner: EmbeddingProvider,
    private readonly store: EmbeddingCacheStore,
  ) {
    this.key = spaceKey(inner.space);
  }

  get space(): EmbeddingSpace {
    return this.inner.space;
  }

  stats(): EmbeddingCacheStats {
    return { ...this.counters };
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    const hashes = texts.map(embeddingContentHash);
    const textOfHash = new Map<string, string>();
    hashes.forEach((hash, i) => {
      if (!textOfHash.has(hash)) textOfHash.set(hash, texts[i] as string);
    });

    const known = await this.lookUp([...textOfHash.keys()]);
    const missing = [...textOfHash.keys()].filter((hash) => !known.has(hash));
    if (missing.length > 0) {
      const fresh = await this.inner.embed(
        missing.map((hash) => textOfHash.get(hash) as string),
        signal,
      );
      const entries = missing.map((hash, i) => ({
        contentHash: hash,
        vector: fresh[i] as number[],
      }));
      entries.forEach((entry) => known.set(entry.contentHash, entry.vector));
      await this.save(entries);
    }

    this.counters.requested += texts.length;
    this.counters.misses += missing.length;
    this.counters.hits += texts.length - missing.length;
    return hashes.map((hash) => known.get(hash) as number[]);
  }

  private async lookUp(hashes: string[]): Promise<Map<string, number[]>> {
    try {
      const found = await this.store.getMany(this.key, hashes);
      // A row of another length (a bug, a manual edit) must not leak into a vector store.
      for (const [hash, vector] of found) {
        if (vector.length !== this.space.dimensions) found.delete(hash);
      }
      return found;
    } catch (error) {
      this.logger.warn(`embedding cache read failed, embedding everything: ${String(error)}`);
      return new Map();
    }
  }

  private async save(entries: CachedVector[]): Promise<void> {
    try {
      await this.store.putMany(this.key, entries);
    } catch (error) {
      this.logger.warn(`embedding cache write failed: ${String(error)}`);
    }
  }
}
