import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CHUNK_OVERLAP_TOKENS, DEFAULT_CHUNK_TOKENS } from '@cxgenie/config';
import { chunkText, htmlToStructuredText } from '@cxgenie/text-processing';
import { type Corpus, corpusPages } from './dataset';

export interface CorpusChunk {
  id: string;
  /** The page (file name) the chunk comes from: what gold labels refer to. */
  page: string;
  title: string;
  headingPath: string;
  position: number;
  text: string;
  tokenCount: number;
}

export interface ChunkingOptions {
  maxTokens: number;
  overlapTokens: number;
}

/** The loader's defaults: the eval indexes what an upload would produce. */
export const LOADER_CHUNKING: ChunkingOptions = {
  maxTokens: DEFAULT_CHUNK_TOKENS,
  overlapTokens: DEFAULT_CHUNK_OVERLAP_TOKENS,
};

export interface PageText {
  page: string;
  title: string;
  text: string;
}

/** Each page as the loader reads an uploaded HTML file. */
export function readPages(corpus: Corpus): PageText[] {
  return corpusPages(corpus).map((page) => {
    const { title, text } = htmlToStructuredText(readFileSync(join(corpus.docs_dir, page), 'utf8'));
    return { page, title: title || page, text };
  });
}

/** Heading-aware chunks, as the loader cuts a document. */
export function chunkPages(
  pages: readonly PageText[],
  options: ChunkingOptions = LOADER_CHUNKING,
): CorpusChunk[] {
  return pages.flatMap(({ page, title, text }) =>
    chunkText(text, { ...options, headingAware: true }).map((chunk) => ({
      id: `${page}#${chunk.position}`,
      page,
      title,
      ...chunk,
    })),
  );
}

/** The baseline's chunks: plain 1,000-character pieces of the page text, cut at a space. */
export function fixedSizeChunks(pages: readonly PageText[], size = 1_000): CorpusChunk[] {
  return pages.flatMap(({ page, title, text }) => {
    const chunks: CorpusChunk[] = [];
    let rest = text.replace(/\s+/g, ' ').trim();
    while (rest.length > 0) {
      let cut = rest.length <= size ? rest.length : rest.lastIndexOf(' ', size);
      if (cut <= 0) cut = Math.min(size, rest.length);
      const piece = rest.slice(0, cut).trim();
      rest = rest.slice(cut).trim();
      if (piece) {
        chunks.push({
          id: `${page}~${chunks.length}`,
          page,
          title,
          headingPath: '',
          position: chunks.length,
          text: piece,
          tokenCount: 0,
        });
      }
    }
    return chunks;
  });
}
