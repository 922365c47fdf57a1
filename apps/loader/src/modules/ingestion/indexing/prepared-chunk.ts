import { createHash } from 'node:crypto';
import { chunkEmbeddingText, chunkHash } from '@cxgenie/text-processing';

/** A chunk as it will be embedded, indexed and listed in the dashboard. */
export interface PreparedChunk {
  position: number;
  text: string;
  headingPath: string;
  tokenCount: number;
  /** Document title or page title: a label in citations and context for the embedding. */
  title: string;
  documentId: string | null;
  page: number | null;
  url: string | null;
  /** SHA-256 of the normalized chunk text. */
  contentHash: string;
  /**
   * What is embedded: the chunk with its title and headings, normalized like the content hash,
   * so a chunk that differs only in whitespace or Unicode form reuses the cached embedding.
   */
  embedText: string;
}

export type ChunkDraft = Omit<PreparedChunk, 'contentHash' | 'embedText'>;

export function prepareChunk(draft: ChunkDraft): PreparedChunk {
  return {
    ...draft,
    contentHash: chunkHash(draft.text),
    embedText: chunkEmbeddingText(draft),
  };
}

/**
 * Everything a stored chunk was made from, in one hash: a chunk already stored with the same
 * fingerprint (same space, text, title, headings, page) needs no work when a run is resumed.
 */
export function chunkFingerprint(chunk: PreparedChunk, space: string): string {
  const parts = [
    space,
    chunk.documentId ?? '',
    chunk.title,
    chunk.headingPath,
    chunk.text,
    String(chunk.page ?? ''),
    chunk.url ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
