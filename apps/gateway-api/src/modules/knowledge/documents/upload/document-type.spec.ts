import { detectDocumentType, DocumentMimeTypes } from './document-type';
import { PNG_BYTES, makeDocx, makePdf, makeXlsx, makeZip } from './upload.test-helpers';

const typeOf = async (bytes: Buffer | string, filename: string) => {
  const verdict = await detectDocumentType(
    typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
    filename,
  );
  return verdict.accepted ? verdict.mimeType : `${verdict.reason}: ${verdict.problem}`;
};

describe('detectDocumentType', () => {
  it('recognises real PDF, DOCX and XLSX files whatever they are named', async () => {
    const [pdf, docx, xlsx] = await Promise.all([makePdf(), makeDocx(), makeXlsx()]);
    expect(await typeOf(pdf, 'manual.pdf')).toBe(DocumentMimeTypes.Pdf);
    expect(await typeOf(pdf, 'manual.txt')).toBe(DocumentMimeTypes.Pdf);
    expect(await typeOf(docx, 'policy.docx')).toBe(DocumentMimeTypes.Docx);
    expect(await typeOf(docx, 'policy.xlsx')).toBe(DocumentMimeTypes.Docx);
    expect(await typeOf(xlsx, 'prices.xlsx')).toBe(DocumentMimeTypes.Xlsx);
    expect(await typeOf(xlsx, 'prices')).toBe(DocumentMimeTypes.Xlsx);
  });

  it('finds a PDF header after binary junk, not in text that mentions it', async () => {
    const pdf = await makePdf();
    expect(await typeOf(Buffer.concat([Buffer.from([0xff, 0x00, 0x81]), pdf]), 'x.pdf')).toBe(
      DocumentMimeTypes.Pdf,
    );
    expect(await typeOf('# PDF notes\n\nFiles start with %PDF-1.7.\n', 'notes.md')).toBe(
      DocumentMimeTypes.Markdown,
    );
  });

  it('tells Office containers apart by their parts, and refuses other zips', async () => {
    const types = '<Types/>';
    expect(
      await typeOf(makeZip({ '[Content_Types].xml': types, 'word/document.xml': '<w/>' }), 'a'),
    ).toBe(DocumentMimeTypes.Docx);
    expect(
      await typeOf(makeZip({ '[Content_Types].xml': types, 'xl/workbook.xml': '<x/>' }), 'a'),
    ).toBe(DocumentMimeTypes.Xlsx);
    expect(
      await typeOf(makeZip({ '[Content_Types].xml': types, 'ppt/presentation.xml': '' }), 'a.pptx'),
    ).toMatch(/^unsupported: is a PowerPoint presentation, not a supported document/);
    expect(await typeOf(makeZip({ 'word/document.xml': '<w/>' }), 'no-types.docx')).toMatch(
      /^unsupported: is a ZIP archive/,
    );
    expect(await typeOf(makeZip({ 'photo.jpg': 'x' }), 'photos.docx')).toMatch(
      /^unsupported: is a ZIP archive/,
    );
    const truncated = makeZip({ '[Content_Types].xml': types, 'word/document.xml': '<w/>' });
    expect(await typeOf(truncated.subarray(0, truncated.length - 30), 'cut.docx')).toMatch(
      /^unsupported: is a damaged or unreadable ZIP archive/,
    );
  });

  it('refuses binary files disguised by their extension, saying what they are', async () => {
    expect(await typeOf(PNG_BYTES, 'invoice.pdf')).toMatch(
      /^unsupported: is a PNG image, not a supported document \(supported: PDF, /,
    );
    expect(await typeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'a.docx')).toMatch(
      /is a JPEG image/,
    );
    expect(await typeOf(Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'), 'old.doc')).toMatch(
      /legacy Microsoft Office file .* save it as \.docx or \.xlsx/,
    );
    expect(await typeOf(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), 'readme.txt')).toMatch(
      /is an executable/,
    );
    expect(await typeOf(Buffer.from([0, 1, 2, 3, 250, 251, 252]), 'data.csv')).toBe(
      'unsupported: is not a supported document: unrecognised binary content (supported: PDF, Word (.docx), Excel (.xlsx), HTML, CSV, Markdown and plain text)',
    );
    expect(await typeOf('{\\rtf1\\ansi hello}', 'a.txt')).toMatch(/RTF document/);
  });

  it('refuses text that claims a binary format', async () => {
    expect(await typeOf('just some words', 'report.pdf')).toMatch(
      /^unsupported: is named \.pdf but its content is plain text/,
    );
  });

  it('chooses among text types by sniffing HTML, then by the extension', async () => {
    expect(await typeOf('<!DOCTYPE html><html><body>Hi</body></html>', 'page.txt')).toBe(
      DocumentMimeTypes.Html,
    );
    expect(await typeOf('\ufeff  <!-- saved -->\n<HTML lang="en">', 'page')).toBe(
      DocumentMimeTypes.Html,
    );
    expect(await typeOf('<p>fragment</p>', 'snippet.htm')).toBe(DocumentMimeTypes.Html);
    expect(await typeOf('plan,price\npro,49\n', 'prices.CSV')).toBe(DocumentMimeTypes.Csv);
    expect(await typeOf('# Title\n\nBody', 'guide.md')).toBe(DocumentMimeTypes.Markdown);
    expect(await typeOf('# Title\n\nBody', 'guide.markdown')).toBe(DocumentMimeTypes.Markdown);
    expect(await typeOf('Grüße aus Köln — ✓', 'notes.txt')).toBe(DocumentMimeTypes.Text);
    expect(await typeOf('plain\twith tabs\r\n', 'notes')).toBe(DocumentMimeTypes.Text);
  });

  it('accepts text as Windows tools save it: UTF-16/UTF-32 with a BOM, Windows-1252', async () => {
    expect(await typeOf(Buffer.from('\ufeffhello', 'utf16le'), 'a.txt')).toBe(
      DocumentMimeTypes.Text,
    );
    expect(await typeOf(Buffer.from('\ufeffq,a\nx,y\n', 'utf16le').swap16(), 'faq.csv')).toBe(
      DocumentMimeTypes.Csv,
    );
    const utf32le = Buffer.from([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0, 0x70, 0, 0, 0, 0x3e, 0, 0, 0]);
    expect(await typeOf(utf32le, 'snippet.htm')).toBe(DocumentMimeTypes.Html);
    expect(await typeOf(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]), 'menu.txt')).toBe(
      DocumentMimeTypes.Text,
    );
    expect(await typeOf(Buffer.from('\ufeff \n', 'utf16le'), 'blank.txt')).toBe(
      'empty: contains no text',
    );
  });

  it('tells an empty file and a blank one apart from unsupported ones', async () => {
    expect(await typeOf(Buffer.alloc(0), 'empty.pdf')).toBe('empty: is empty');
    expect(await typeOf(' \n\t\n', 'blank.txt')).toBe('empty: contains no text');
    expect(await typeOf('\ufeff', 'bom-only.md')).toBe('empty: contains no text');
  });
});
