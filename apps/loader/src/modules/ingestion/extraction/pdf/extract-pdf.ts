import { IngestFailure } from '../../ingestion.exception';
import type { ExtractedDocument, ExtractionLimits } from '../extracted-document';
import { PdfThreadError, type PdfThreadResult, readPdfInThread } from './pdf-text-thread';

/** pdf.js's exception names, as they cross the thread boundary. */
const PASSWORD = 'PasswordException';
const DAMAGED = new Set(['InvalidPDFException', 'FormatError', 'UnknownErrorException']);

/** The text of every page of a PDF, in page order. Structure is recovered later, by cleaning. */
export async function extractPdf(
  bytes: Buffer,
  limits: ExtractionLimits,
): Promise<ExtractedDocument> {
  const result = await readPdf(bytes, limits);
  if (result.kind === 'too-many-pages') {
    throw new IngestFailure(
      'too_large',
      `the PDF has ${result.totalPages} pages; at most ${limits.maxPdfPages} are read: ` +
        'split it into smaller files',
    );
  }
  if (result.kind === 'error') throw failureOf(result);
  return {
    format: 'pdf',
    title: '',
    pageCount: result.totalPages,
    pages: result.pages.map((page) => ({ number: page.num, text: page.text })),
  };
}

async function readPdf(bytes: Buffer, limits: ExtractionLimits): Promise<PdfThreadResult> {
  try {
    return await readPdfInThread(bytes, {
      maxPages: limits.maxPdfPages,
      heapMb: limits.pdfHeapMb,
      timeoutMs: limits.pdfTimeoutMs,
    });
  } catch (error) {
    if (!(error instanceof PdfThreadError)) throw error;
    if (error.reason === 'crashed') throw error;
    throw new IngestFailure(
      'too_large',
      error.reason === 'timeout'
        ? `the PDF took longer than ${Math.round(limits.pdfTimeoutMs / 1000)} s to read and was not processed`
        : 'the PDF is too large or complex to read (it needs more memory than allowed)',
    );
  }
}

function failureOf({ name, message }: { name: string; message: string }): IngestFailure {
  if (name === PASSWORD) {
    return new IngestFailure(
      'password_protected',
      'the PDF is password-protected: remove the password and upload it again',
    );
  }
  if (DAMAGED.has(name)) {
    return new IngestFailure('corrupt', `the PDF is damaged and cannot be read (${message})`);
  }
  // pdf.js is deterministic: another attempt would fail the same way.
  return new IngestFailure('corrupt', `the PDF cannot be read (${name}: ${message})`);
}
