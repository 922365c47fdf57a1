import { cleanDocument } from '../cleaning/clean-document';
import { IngestFailure } from '../ingestion.exception';
import {
  MIME,
  corruptPdf,
  docxBomb,
  handbookPdf,
  pricingXlsx,
  readDebianPdf,
  returnsPolicyDocx,
  scannedPdf,
  zipOf,
} from '../e2e/ingestion-documents.test-helpers';
import { formatOfMimeType } from './document-format';
import { extractDocument } from './extract-document';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extracted-document';

const limits = (overrides: Partial<ExtractionLimits> = {}): ExtractionLimits => ({
  ...DEFAULT_EXTRACTION_LIMITS,
  ...overrides,
});

const extract = async (
  bytes: Buffer,
  mimeType: string,
  overrides: Partial<ExtractionLimits> = {},
) => extractDocument(bytes, formatOfMimeType(mimeType), limits(overrides));

/** Resolves to the IngestFailure the promise rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<IngestFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof IngestFailure))
    throw new Error(`expected an IngestFailure, got ${String(error)}`);
  return error;
}

describe('extracting documents', () => {
  it('reads a multi-page PDF page by page; cleaning removes its furniture and rejoins words', async () => {
    const document = await extract(await handbookPdf(5), MIME.pdf);
    expect(document.pageCount).toBe(5);
    expect(document.pages.map((page) => page.number)).toEqual([1, 2, 3, 4, 5]);
    expect(document.pages[2]!.text).toContain('ACME Support Handbook');

    const pages = cleanDocument(document);
    pages.forEach((page) => {
      expect(page.text).not.toContain('ACME Support Handbook');
      expect(page.text).not.toMatch(/Page \d of 5/);
      expect(page.text).toContain('explains the next step');
      expect(page.text).not.toContain('ex-');
    });
    expect(pages[2]!.text).toMatch(/^# 3 Policy 3 for warranty\n/);
  });

  it('reads a real PDF from a Debian package: running header gone, numbered headings kept', async () => {
    const pages = cleanDocument(await extract(readDebianPdf(), MIME.pdf));
    expect(pages).toHaveLength(17);
    pages.slice(1).forEach((page) => expect(page.text).not.toMatch(/^Shared MIME-info Database$/m));
    const text = pages.map((page) => page.text).join('\n');
    expect(text).toContain('## 1.2 What is this spec?');
    expect(text).toMatch(/^# 2 Unified system$/m);
    expect(pages[16]!.text).not.toMatch(/\n17$/);
  });

  it('fails a password-protected PDF, a damaged one and one over the page limit, each saying so', async () => {
    const locked = await failureOf(
      extract(await handbookPdf(2, { userPassword: 's3cret' }), MIME.pdf),
    );
    expect(locked.code).toBe('password_protected');
    expect(locked.message).toMatch(/password-protected/);

    const damaged = await failureOf(extract(corruptPdf(), MIME.pdf));
    expect(damaged.code).toBe('corrupt');
    expect(damaged.message).toMatch(/^the PDF is damaged/);

    const notPdf = await failureOf(extract(Buffer.from('hello, not a pdf'), MIME.pdf));
    expect(notPdf.message).toBe('the file is not a valid PDF (it may be damaged)');

    const long = await failureOf(extract(await handbookPdf(5), MIME.pdf, { maxPdfPages: 3 }));
    expect(long.code).toBe('too_large');
    expect(long.message).toMatch(/has 5 pages; at most 3/);
  });

  it('finds no text in a scanned PDF (images only)', async () => {
    const document = await extract(await scannedPdf(2), MIME.pdf);
    expect(document.pageCount).toBe(2);
    expect(cleanDocument(document).every((page) => page.text === '')).toBe(true);
  });

  it('reads a Word document with its headings, list items and table rows', async () => {
    const [page] = (await extract(await returnsPolicyDocx(), MIME.docx)).pages;
    expect(page!.text).toBe(
      [
        '# Returns and exchanges',
        'Unused items can be returned within 30 days of delivery for a full refund to the original payment method.',
        '## Exchanges',
        '- Exchanges for another size are free of charge.\n- The replacement ships once the return is scanned.',
        '## Return shipping costs',
        'Country | Cost\nGermany | free\nSwitzerland | 9.90 CHF',
      ].join('\n\n'),
    );
  });

  it('reads an Excel workbook: rows labelled by the header, formulas by result, hidden sheets skipped', async () => {
    const [page] = (await extract(await pricingXlsx(), MIME.xlsx)).pages;
    expect(page!.text).toBe(
      [
        '## Plans',
        '',
        'Plan: Starter | Monthly price: 19 | Seats: 3 | Available since: 2023-01-15',
        'Plan: Growth | Monthly price: 57 | Seats: 10 | Available since: 2023-06-01',
        'Plan: Enterprise | Monthly price: on request | Seats: unlimited',
      ].join('\n'),
    );
  });

  it('reads a CSV in its own delimiter, values as written', async () => {
    const csv = Buffer.from(
      '\ufeffQuestion;Answer;Code\nShipping to Austria?;"3-5 days; tracked";00123\n',
    );
    const [page] = (await extract(csv, MIME.csv)).pages;
    expect(page!.text).toBe(
      'Question: Shipping to Austria? | Answer: 3-5 days; tracked | Code: 00123',
    );
  });

  it('reads an HTML file without its navigation, and Markdown and text as they are', async () => {
    const html = Buffer.from(
      '<html><head><title>Gift cards</title></head><body><nav>Home | Shop</nav>' +
        '<main><h1>Gift cards</h1><p>Gift cards never expire.</p></main></body></html>',
    );
    const page = await extract(html, MIME.html);
    expect(page.title).toBe('Gift cards');
    expect(page.pages[0]!.text).toBe('# Gift cards\n\nGift cards never expire.');
    const markdown = await extract(Buffer.from('# FAQ\n\n- one\n  - two'), MIME.markdown);
    expect(markdown.pages[0]!.text).toBe('# FAQ\n\n- one\n  - two');
  });

  it('reads text files as Windows tools save them: UTF-16 and UTF-32 by their BOM, else Windows-1252', async () => {
    const text = 'Refunds — 5–10 days, “no questions asked” ✓';
    const utf16le = Buffer.from(`\ufeff${text}`, 'utf16le');
    const utf16be = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
    const utf32be = Buffer.alloc(([...text].length + 1) * 4);
    [...`\ufeff${text}`].forEach((c, i) => utf32be.writeUInt32BE(c.codePointAt(0)!, i * 4));
    for (const bytes of [utf16le, utf16be, utf32be]) {
      expect((await extract(bytes, MIME.text)).pages[0]!.text).toBe(text);
    }
    const csv = Buffer.from(`\ufeffQuestion,Answer\nPrice?,"5 \u20ac"\n`, 'utf16le');
    expect((await extract(csv, MIME.csv)).pages[0]!.text).toBe('Question: Price? | Answer: 5 €');
    // "Café: 5 €" in Windows-1252 (é E9, euro 80): not UTF-8, not binary.
    const cp1252 = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x3a, 0x20, 0x35, 0x20, 0x80]);
    expect((await extract(cp1252, MIME.markdown)).pages[0]!.text).toBe('Café: 5 €');
    expect((await failureOf(extract(Buffer.from('\ufeff \n', 'utf16le'), MIME.text))).code).toBe(
      'empty',
    );
  });

  it('fails empty files, binary text and unsupported types with a clear reason', async () => {
    expect((await failureOf(extract(Buffer.alloc(0), MIME.pdf))).message).toBe('the file is empty');
    expect((await failureOf(extract(Buffer.from(' \n\t '), MIME.text))).code).toBe('empty');
    expect((await failureOf(extract(Buffer.from([0x41, 0, 0x42, 0x43]), MIME.text))).code).toBe(
      'unsupported_type',
    );
    const unsupported = await failureOf(extract(Buffer.from('x'), 'application/msword'));
    expect(unsupported.code).toBe('unsupported_type');
    expect(unsupported.message).toMatch(
      /^unsupported file type application\/msword: save it as \.docx/,
    );
    expect((await failureOf(extract(Buffer.from('zip?'), 'application/zip'))).code).toBe(
      'unsupported_type',
    );
  });

  it('refuses zip bombs before any parser inflates them', async () => {
    const ratio = await failureOf(extract(await docxBomb(20), MIME.docx));
    expect(ratio.code).toBe('zip_bomb');
    expect(ratio.message).toMatch(/compressed \d+:1, more than the 200:1 allowed/);

    const lying = await failureOf(extract(await docxBomb(8, 1_000), MIME.docx));
    expect(lying.code).toBe('zip_bomb');
    expect(lying.message).toMatch(/declares sizes that do not match its content/);

    const varied = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31) % 256));
    const big = await zipOf([
      { name: 'xl/a.xml', data: varied },
      { name: 'xl/b.xml', data: varied },
    ]);
    const total = await failureOf(extract(big, MIME.xlsx, { maxUnzippedBytes: 500_000 }));
    expect(total.message).toMatch(/expands to more than 0 MB when unpacked/);
  });

  it('bounds the text one document may yield', async () => {
    const text = Buffer.from('word '.repeat(10_000));
    expect((await failureOf(extract(text, MIME.text, { maxTextChars: 20_000 }))).code).toBe(
      'too_large',
    );
  });
});
