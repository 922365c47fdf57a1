import type { PreparedChunk } from '../indexing/prepared-chunk';

/** A source read and chunked, ready to embed and index. */
export interface SourceContent {
  /** Metrics label: the document format, or `website`. */
  type: string;
  /** PDF pages or crawled pages; 1 for a document without pages. */
  pages: number;
  chunks: PreparedChunk[];
}

/** Chunk size and overlap, in tokens (LOADER_CHUNK_TOKENS, LOADER_CHUNK_OVERLAP_TOKENS). */
export interface ChunkingSettings {
  maxTokens: number;
  overlapTokens: number;
}

/**
 * Bumped whenever extraction, cleaning or chunking changes what a file turns into, so chunks of
 * an earlier pipeline are never reused for a new upload of the same file.
 */
export const PIPELINE_VERSION = 1;

/** What produced a set of chunks: pipeline version and chunk settings. */
export const pipelineKey = (settings: ChunkingSettings): string =>
  `v${PIPELINE_VERSION}:${settings.maxTokens}:${settings.overlapTokens}`;

/** Progress callback of a reader: percent of the reading stage done, 0 to 1. */
export type ReadProgress = (fraction: number) => Promise<void>;
