import type { ExtractedDocument, ExtractedPage } from '../extraction/extracted-document';
import { markPdfStructure, removePageFurniture } from './clean-pdf-pages';
import { cleanText, joinHyphenatedLines, normalizeWhitespace } from './clean-text';

/**
 * A document's pages ready to chunk. PDFs lose their page furniture and get Markdown headings
 * from their numbered titles; every format loses whitespace noise and line-end hyphenation.
 */
export function cleanDocument(document: ExtractedDocument): ExtractedPage[] {
  if (document.format !== 'pdf') {
    return document.pages.map((page) => ({
      number: page.number,
      text: cleanText(page.text, { keepIndentation: true }),
    }));
  }
  const texts = removePageFurniture(document.pages.map((page) => page.text));
  return document.pages.map((page, i) => ({
    number: page.number,
    text: normalizeWhitespace(markPdfStructure(joinHyphenatedLines(texts[i]!)), {
      keepIndentation: false,
    }),
  }));
}
