import type { StoredChunk } from '@cxgenie/vector-store';

/** The longest end of `a` that `b` starts with (chunks overlap by a few dozen tokens). */
function overlap(a: string, b: string): number {
  const max = Math.min(a.length, b.length, 2_000);
  for (let length = max; length >= 20; length -= 1) {
    if (a.endsWith(b.slice(0, length))) return length;
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
