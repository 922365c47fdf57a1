import type { StoredChunk } from '@cxgenie/vector-store';

const MIN_OVERLAP = 20;
const MAX_OVERLAP = 2_000;

/**
 * The longest end of `a` that `b` starts with (chunks overlap by a few dozen tokens): only where
 * `b`'s opening occurs in `a`'s tail is a match possible, so only those places are compared.
 */
function overlap(a: string, b: string): number {
  if (b.length < MIN_OVERLAP) return 0;
  const head = b.slice(0, MIN_OVERLAP);
  const from = Math.max(0, a.length - Math.min(MAX_OVERLAP, b.length));
  for (let at = a.indexOf(head, from); at !== -1; at = a.indexOf(head, at + 1)) {
    const length = a.length - at;
    if (b.startsWith(a.slice(at))) return length;
  }
  return 0;
}

const join = (first: string, second: string): string => {
  const shared = overlap(first, second);
  return shared > 0 ? `${first}${second.slice(shared)}` : `${first}\n\n${second}`;
};

/**
 * A hit with the chunks before and after it in its source, joined without their overlap: chunks
 * are cut small so that search finds the passage, and the prompt gets the passage with its
 * surroundings back.
 */
export function withNeighbours(
  chunk: StoredChunk,
  at: (sourceId: string, position: number) => StoredChunk | undefined,
): { text: string; joined: StoredChunk[] } {
  const sameDocument = (other: StoredChunk | undefined) =>
    other && other.documentId === chunk.documentId && other.headingPath === chunk.headingPath
      ? other
      : undefined;
  const before = sameDocument(at(chunk.sourceId, chunk.position - 1));
  const after = sameDocument(at(chunk.sourceId, chunk.position + 1));
  let text = chunk.text;
  if (before) text = join(before.text, text);
  if (after) text = join(text, after.text);
  return { text, joined: [before, after].filter((n): n is StoredChunk => n !== undefined) };
}
