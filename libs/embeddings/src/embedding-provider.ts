/**
 * A vector space: vectors from different models (or the same model at another dimension) are
 * never compared, so every store and cache key includes it.
 */
export interface EmbeddingSpace {
  /** e.g. `openai/text-embedding-3-large` or `local/hashed-ngrams-v1`. */
  model: string;
  dimensions: number;
}

/** Turns texts into unit-length vectors of one space. Implementations batch and retry themselves. */
export interface EmbeddingProvider {
  readonly space: EmbeddingSpace;
  /** One vector per input, in input order. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

/** `openai/text-embedding-3-large@3072`: the key a space is stored and cached under. */
export const spaceKey = (space: EmbeddingSpace): string => `${space.model}@${space.dimensions}`;
