import { normalizeForHash } from './hash';

export interface ChunkContext {
  title: string;
  headingPath: string;
  text: string;
}

/**
 * The text to embed and index for a chunk: its page title and heading path, then its body. A
 * chunk cut from the middle of a section often never names its topic; the headings do.
 */
export function contextualChunkText({ title, headingPath, text }: ChunkContext): string {
  const headings = headingPath ? headingPath.split(' > ') : [];
  const context = [title, ...headings.filter((heading) => heading !== title)].filter(Boolean);
  return context.length > 0 ? `${context.join(' > ')}\n\n${text}` : text;
}

/**
 * What is embedded for a stored chunk: its context and body, normalized like the content hash, so
 * a chunk that differs only in whitespace or Unicode form reuses the cached embedding. The loader
 * embeds this when it indexes, core-ai when it repairs the index: the vectors must be the same.
 */
export const chunkEmbeddingText = (chunk: ChunkContext): string =>
  normalizeForHash(contextualChunkText(chunk));
