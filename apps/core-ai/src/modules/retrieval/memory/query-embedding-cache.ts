import { type EmbeddingProvider, spaceKey } from '@cxgenie/embeddings';

/** Whitespace does not change what a question asks; case can (embedding models see it). */
export const normaliseQuery = (text: string): string => text.trim().replace(/\s+/g, ' ');

/**
 * Question embeddings by space and normalised text, least recently used dropped first: customers
 * ask the same questions, and an embedding costs a model call (or the shared cache's round trip)
 * every time. Concurrent misses of one text share one call.
 */
export class QueryEmbeddingCache {
  private readonly vectors = new Map<string, Promise<number[]>>();
  private hits = 0;
  private misses = 0;

  constructor(private readonly capacity: number) {}

  async embed(provider: EmbeddingProvider, text: string): Promise<number[]> {
    if (this.capacity <= 0) return (await provider.embed([text]))[0]!;
    const normalised = normaliseQuery(text);
    const key = `${spaceKey(provider.space)}|${normalised}`;
    const known = this.vectors.get(key);
    if (known) {
      this.hits += 1;
      this.vectors.delete(key);
      this.vectors.set(key, known);
      return known;
    }
    this.misses += 1;
    const pending = provider.embed([normalised]).then(([vector]) => vector!);
    this.vectors.set(key, pending);
    // A failed embedding is not remembered: the next asker tries again.
    pending.catch(() => {
      if (this.vectors.get(key) === pending) this.vectors.delete(key);
    });
    if (this.vectors.size > this.capacity) this.vectors.delete(this.vectors.keys().next().value!);
    return pending;
  }

  stats(): { size: number; hits: number; misses: number } {
    return { size: this.vectors.size, hits: this.hits, misses: this.misses };
  }
}
