import { createHash } from 'node:crypto';

export interface CachedVector {
  contentHash: string;
  vector: number[];
}

/** Where vectors are kept by (space, hash of the exact text). Writes never overwrite. */
export interface EmbeddingCacheStore {
  /** The vectors found, keyed by content hash; hashes not found are absent. */
  getMany(space: string, contentHashes: readonly string[]): Promise<Map<string, number[]>>;
  putMany(space: string, entries: readonly CachedVector[]): Promise<void>;
}

/**
 * SHA-256 hex of the exact text. Not normalised: the provider embeds the exact text, so a text
 * differing in whitespace may embed differently and must not reuse the vector.
 */
export const embeddingContentHash = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');
