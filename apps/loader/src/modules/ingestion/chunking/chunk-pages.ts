import { type TextChunk, chunkText, countTokens } from '@cxgenie/text-processing';
import type { ExtractedPage } from '../extraction/extracted-document';

export interface ChunkSettings {
  maxTokens: number;
  overlapTokens: number;
}

export interface PageChunk extends TextChunk {
  /** Page the chunk starts on; null when the document has no pages. */
  page: number | null;
}

/*
 * Pages are chunked as one text, so a section running over a page break stays one chunk and
 * headings carry over. Each page starts with a marker paragraph the chunker treats like any
 * other; the markers tell which page a chunk starts on and are removed afterwards.
 */
const MARKER = /⟦page:(\d+)⟧/g;
const LEADING_MARKERS = /^(?:\s*⟦page:(\d+)⟧)+/;
const marker = (page: number) => `⟦page:${page}⟧`;

/** Heading-aware chunks of a document's pages, positions from 0, each with its page. */
export function chunkPages(pages: readonly ExtractedPage[], settings: ChunkSettings): PageChunk[] {
  const options = {
    maxTokens: settings.maxTokens,
    overlapTokens: settings.overlapTokens,
    headingAware: true,
  };
  if (!pages.some((page) => page.number !== null)) {
    const text = pages.map((page) => page.text).join('\n\n');
    return chunkText(text, options).map((chunk) => ({ ...chunk, page: null }));
  }
  const text = pages
    .map((page) => (page.number === null ? page.text : `${marker(page.number)}\n\n${page.text}`))
    .join('\n\n');
  const chunks: PageChunk[] = [];
  let currentPage: number | null = null;
  for (const chunk of chunkText(text, options)) {
    const leading = LEADING_MARKERS.exec(chunk.text);
    const startPage = leading ? lastMarkerPage(leading[0]) : currentPage;
    currentPage = lastMarkerPage(chunk.text) ?? currentPage;
    const body = chunk.text
      .replace(MARKER, '')
      .replace(/\n[ \t]*(?:\n[ \t]*)+/g, '\n\n')
      .trim();
    if (!body) continue;
    chunks.push({
      text: body,
      headingPath: chunk.headingPath,
      position: chunks.length,
      tokenCount: body === chunk.text ? chunk.tokenCount : countTokens(body),
      page: startPage,
    });
  }
  return chunks;
}

function lastMarkerPage(text: string): number | null {
  let page: number | null = null;
  for (const match of text.matchAll(MARKER)) page = Number(match[1]);
  return page;
}
