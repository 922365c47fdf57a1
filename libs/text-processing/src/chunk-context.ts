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
