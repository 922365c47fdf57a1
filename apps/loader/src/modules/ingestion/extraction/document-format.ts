import { decodeTextFile } from '@cxgenie/text-processing';
import { IngestFailure } from '../ingestion.exception';

export const DOCUMENT_FORMATS = ['pdf', 'docx', 'xlsx', 'csv', 'html', 'markdown', 'text'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

const FORMAT_OF_MIME_TYPE: Readonly<Record<string, DocumentFormat>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
};

/** Formats a customer plausibly uploads, with what to do instead. */
const HINT_OF_MIME_TYPE: Readonly<Record<string, string>> = {
  'application/msword': 'save it as .docx',
  'application/vnd.ms-excel': 'save it as .xlsx or .csv',
  'application/vnd.ms-powerpoint': 'export it as PDF',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'export it as PDF',
  'application/rtf': 'save it as .docx',
};

const SUPPORTED_FORMATS_TEXT = 'PDF, DOCX, XLSX, CSV, HTML, Markdown or plain text';

/** The format to extract a file as, from the type intake detected in its bytes. */
export function formatOfMimeType(mimeType: string): DocumentFormat {
  const essence = mimeType.split(';')[0]!.trim().toLowerCase();
  const format = FORMAT_OF_MIME_TYPE[essence];
  if (format) return format;
  const hint = HINT_OF_MIME_TYPE[essence];
  throw new IngestFailure(
    'unsupported_type',
    `unsupported file type ${essence || 'unknown'}${hint ? `: ${hint}` : ''} ` +
      `(supported: ${SUPPORTED_FORMATS_TEXT})`,
  );
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** PDF readers accept the header anywhere in the first KiB; so does this check. */
const PDF_HEADER_WINDOW = 1024;

const LABEL: Readonly<Record<DocumentFormat, string>> = {
  pdf: 'PDF',
  docx: 'Word document',
  xlsx: 'Excel workbook',
  csv: 'CSV file',
  html: 'HTML file',
  markdown: 'Markdown file',
  text: 'text file',
};

/**
 * The bytes must be what the type says: intake detects the type, but a stored file may be
 * replaced or a job crafted, and a parser handed the wrong bytes fails with an unreadable error.
 */
export function assertContentMatchesFormat(bytes: Buffer, format: DocumentFormat): void {
  if (bytes.length === 0 || (isTextFormat(format) && decodeTextFile(bytes)?.text.trim() === '')) {
    throw new IngestFailure('empty', 'the file is empty');
  }
  if (format === 'pdf' && !bytes.subarray(0, PDF_HEADER_WINDOW).includes('%PDF-')) {
    throw new IngestFailure('corrupt', 'the file is not a valid PDF (it may be damaged)');
  }
  if (format === 'docx' || format === 'xlsx') {
    // Office encrypts a protected .docx/.xlsx into an OLE container, which is also the old format.
    if (bytes.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) {
      throw new IngestFailure(
        'password_protected',
        `the ${LABEL[format]} is password-protected or in the old Office format: ` +
          `remove the password and save it as .${format}`,
      );
    }
    if (!bytes.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
      throw new IngestFailure(
        'corrupt',
        `the file is not a valid ${LABEL[format]} (it may be damaged)`,
      );
    }
  }
}

const isTextFormat = (format: DocumentFormat): boolean =>
  format === 'csv' || format === 'html' || format === 'markdown' || format === 'text';
