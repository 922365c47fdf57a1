import { IngestFailure } from '../ingestion.exception';
import { type DocumentFormat, assertContentMatchesFormat } from './document-format';
import type { ExtractedDocument, ExtractionLimits } from './extracted-document';
import { extractHtml, extractMarkdown, extractPlainText } from './markup/extract-markup';
import { extractDocx } from './office/extract-docx';
import { extractCsv, extractXlsx } from './office/extract-spreadsheet';
import { extractPdf } from './pdf/extract-pdf';

const EXTRACTORS: Readonly<
  Record<DocumentFormat, (bytes: Buffer, limits: ExtractionLimits) => Promise<ExtractedDocument>>
> = {
  pdf: extractPdf,
  docx: extractDocx,
  xlsx: extractXlsx,
  csv: extractCsv,
  html: async (bytes) => extractHtml(bytes),
  markdown: async (bytes) => extractMarkdown(bytes),
  text: async (bytes) => extractPlainText(bytes),
};

/** The text of an uploaded file, page by page where it has pages, within the limits. */
export async function extractDocument(
  bytes: Buffer,
  format: DocumentFormat,
  limits: ExtractionLimits,
): Promise<ExtractedDocument> {
  assertContentMatchesFormat(bytes, format);
  if (
    format !== 'pdf' &&
    format !== 'docx' &&
    format !== 'xlsx' &&
    bytes.length > limits.maxTextChars * 4
  ) {
    throw tooMuchText(limits);
  }
  const document = await EXTRACTORS[format](bytes, limits);
  const chars = document.pages.reduce((sum, page) => sum + page.text.length, 0);
  if (chars > limits.maxTextChars) throw tooMuchText(limits);
  return document;
}

const tooMuchText = (limits: ExtractionLimits) =>
  new IngestFailure(
    'too_large',
    `the document holds more than ${limits.maxTextChars} characters of text; split it into smaller files`,
  );
