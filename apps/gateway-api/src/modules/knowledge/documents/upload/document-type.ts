import { extname } from 'node:path';
import { fromBuffer as openZip } from 'yauzl';
import { decodeTextFile } from '@cxgenie/text-processing';

/** The types the loader can extract text from, by the MIME type stored on the document. */
export const DocumentMimeTypes = {
  Pdf: 'application/pdf',
  Docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  Xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  Html: 'text/html',
  Csv: 'text/csv',
  Markdown: 'text/markdown',
  Text: 'text/plain',
} as const;
export type DocumentMimeType = (typeof DocumentMimeTypes)[keyof typeof DocumentMimeTypes];

export type DocumentTypeVerdict =
  | { accepted: true; mimeType: DocumentMimeType }
  | { accepted: false; reason: 'empty' | 'unsupported'; problem: string };

const SUPPORTED = 'supported: PDF, Word (.docx), Excel (.xlsx), HTML, CSV, Markdown and plain text';
const HEAD_BYTES = 1024;
// A DOCX or XLSX names its main part among the first entries; a zip with more entries than this
// and none of them is not an Office document worth reading further.
const MAX_ZIP_ENTRIES_INSPECTED = 5_000;

const unsupported = (problem: string): DocumentTypeVerdict => ({
  accepted: false,
  reason: 'unsupported',
  problem: `${problem} (${SUPPORTED})`,
});
const accepted = (mimeType: DocumentMimeType): DocumentTypeVerdict => ({
  accepted: true,
  mimeType,
});

const startsWith = (bytes: Buffer, signature: number[] | string, offset = 0): boolean => {
  const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : signature;
  if (bytes.length < offset + expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[offset + i] !== expected[i]) return false;
  return true;
};

/** Binary formats people upload by mistake, named so the refusal says what the file really is. */
const KNOWN_BINARY: { what: string; matches: (b: Buffer) => boolean }[] = [
  { what: 'a PNG image', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) },
  { what: 'a JPEG image', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { what: 'a GIF image', matches: (b) => startsWith(b, 'GIF87a') || startsWith(b, 'GIF89a') },
  { what: 'a WebP image', matches: (b) => startsWith(b, 'RIFF') && startsWith(b, 'WEBP', 8) },
  {
    what: 'a TIFF image',
    matches: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0]) || startsWith(b, [0x4d, 0x4d, 0, 0x2a]),
  },
  {
    what: 'a legacy Microsoft Office file (.doc, .xls or .ppt): save it as .docx or .xlsx',
    matches: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  },
  { what: 'an RTF document: save it as .docx', matches: (b) => startsWith(b, '{\\rtf') },
  { what: 'a PostScript file', matches: (b) => startsWith(b, '%!PS') },
  { what: 'a gzip archive', matches: (b) => startsWith(b, [0x1f, 0x8b]) },
  { what: 'a RAR archive', matches: (b) => startsWith(b, 'Rar!') },
  { what: 'a 7-Zip archive', matches: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { what: 'an audio or video file', matches: (b) => startsWith(b, 'ftyp', 4) },
  { what: 'an MP3 file', matches: (b) => startsWith(b, 'ID3') },
  { what: 'an executable', matches: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
  { what: 'an executable', matches: (b) => startsWith(b, 'MZ') },
  { what: 'a SQLite database', matches: (b) => startsWith(b, 'SQLite format 3\0') },
];

/** Extensions that promise a binary format: text content under them is a mislabelled file. */
const BINARY_EXTENSIONS = new Set(['.pdf', '.docx', '.xlsx', '.doc', '.xls', '.png', '.jpg']);

/**
 * PDF readers accept the header anywhere in the first kilobyte, after junk a mail gateway may
 * have prepended; a text file that merely mentions "%PDF-" is not one.
 */
const isPdf = (bytes: Buffer): boolean => {
  const at = bytes.subarray(0, HEAD_BYTES).indexOf('%PDF-', 0, 'latin1');
  return at === 0 || (at > 0 && textOf(bytes.subarray(0, at)) === null);
};

/** Which Office document a zip is, from its entry names alone: nothing is decompressed. */
function officeTypeOfZip(bytes: Buffer): Promise<DocumentMimeType | string> {
  return new Promise((resolve) => {
    openZip(bytes, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return resolve('a damaged or unreadable ZIP archive');
      let inspected = 0;
      let contentTypes = false;
      let word = false;
      let excel = false;
      let powerpoint = false;
      const finish = (verdict: DocumentMimeType | string) => {
        zip.close();
        resolve(verdict);
      };
      zip.on('error', () => finish('a damaged or unreadable ZIP archive'));
      zip.on('entry', (entry: { fileName: string }) => {
        const name = entry.fileName;
        contentTypes ||= name === '[Content_Types].xml';
        word ||= name.startsWith('word/');
        excel ||= name.startsWith('xl/');
        powerpoint ||= name.startsWith('ppt/');
        if (contentTypes && word) return finish(DocumentMimeTypes.Docx);
        if (contentTypes && excel) return finish(DocumentMimeTypes.Xlsx);
        if (++inspected >= MAX_ZIP_ENTRIES_INSPECTED) return finish('a ZIP archive');
        zip.readEntry();
      });
      zip.on('end', () =>
        finish(contentTypes && powerpoint ? 'a PowerPoint presentation' : 'a ZIP archive'),
      );
      zip.readEntry();
    });
  });
}

/** The text of a text file (UTF-8, UTF-16/32 by BOM, Windows-1252), or null when it is binary. */
const textOf = (bytes: Buffer): string | null => decodeTextFile(bytes)?.text ?? null;

const looksLikeHtml = (text: string): boolean => {
  const head = text
    .slice(0, HEAD_BYTES)
    .replace(/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, '')
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
};

function textTypeOf(text: string, extension: string): DocumentMimeType {
  if (looksLikeHtml(text)) return DocumentMimeTypes.Html;
  switch (extension) {
    case '.html':
    case '.htm':
      return DocumentMimeTypes.Html;
    case '.csv':
      return DocumentMimeTypes.Csv;
    case '.md':
    case '.markdown':
      return DocumentMimeTypes.Markdown;
    default:
      return DocumentMimeTypes.Text;
  }
}

/**
 * The document type of an upload, from its bytes: the extension only chooses between text types
 * (CSV, Markdown, HTML fragments, plain), never makes a binary file acceptable.
 */
export async function detectDocumentType(
  bytes: Buffer,
  filename: string,
): Promise<DocumentTypeVerdict> {
  if (bytes.length === 0) return { accepted: false, reason: 'empty', problem: 'is empty' };
  if (isPdf(bytes)) return accepted(DocumentMimeTypes.Pdf);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const office = await officeTypeOfZip(bytes);
    return office === DocumentMimeTypes.Docx || office === DocumentMimeTypes.Xlsx
      ? accepted(office)
      : unsupported(`is ${office}, not a supported document`);
  }
  const known = KNOWN_BINARY.find((signature) => signature.matches(bytes));
  if (known) return unsupported(`is ${known.what}, not a supported document`);
  const text = textOf(bytes);
  if (text === null) return unsupported('is not a supported document: unrecognised binary content');
  const extension = extname(filename).toLowerCase();
  if (BINARY_EXTENSIONS.has(extension))
    return unsupported(`is named ${extension} but its content is plain text, not that format`);
  if (text.trim() === '') return { accepted: false, reason: 'empty', problem: 'contains no text' };
  return accepted(textTypeOf(text, extension));
}
