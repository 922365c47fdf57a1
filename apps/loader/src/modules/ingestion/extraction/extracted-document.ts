import type { DocumentFormat } from './document-format';

/** Text of one page of a paginated document, or the whole text of any other. */
export interface ExtractedPage {
  /** 1-based page number; null when the format has no pages. */
  number: number | null;
  /** Markdown-like text: `#` headings, `- ` list items, table rows as text lines. */
  text: string;
}

export interface ExtractedDocument {
  format: DocumentFormat;
  /** A title found in the content itself (an HTML `<title>`), else empty. */
  title: string;
  pages: ExtractedPage[];
  /** Pages of a PDF; null for formats without pages. */
  pageCount: number | null;
}

/** Bounds every extractor honours, so one upload cannot exhaust the loader. */
export interface ExtractionLimits {
  /** Characters of text one document may yield. */
  maxTextChars: number;
  maxPdfPages: number;
  /** Rows of all sheets of a workbook (or lines of a CSV) together. */
  maxSpreadsheetRows: number;
  /** Bytes a DOCX/XLSX may expand to when unzipped. */
  maxUnzippedBytes: number;
  /** Expansion ratio of one zip entry above which it is treated as a zip bomb. */
  maxZipRatio: number;
  maxZipEntries: number;
  /** Heap of the thread reading one PDF, and how long it may take. */
  pdfHeapMb: number;
  pdfTimeoutMs: number;
}

export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  // ~1.2 M tokens: a 1,500-page book. More is almost certainly a data dump, not knowledge.
  maxTextChars: 5_000_000,
  maxPdfPages: 2_000,
  maxSpreadsheetRows: 100_000,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxZipRatio: 200,
  maxZipEntries: 10_000,
  pdfHeapMb: 320,
  pdfTimeoutMs: 120_000,
};
