/*
 * Real files for the ingestion tests, generated with the libraries that write them in the wild
 * (pdfkit, docx, exceljs) plus a hand-assembled zip for bombs no library would write.
 */
import { existsSync, readFileSync } from 'node:fs';
import { crc32, createDeflateRaw, deflateRawSync, deflateSync } from 'node:zlib';
import {
  Document as DocxDocument,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { Workbook } from 'exceljs';
import PDFDocument from 'pdfkit';

export const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
} as const;

/** A PDF shipped by Debian's shared-mime-info package (17 pages, running header, page numbers). */
export const DEBIAN_PDF = '/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf';

export function readDebianPdf(): Buffer {
  if (!existsSync(DEBIAN_PDF)) {
    throw new Error(`${DEBIAN_PDF} is missing: apt-get install -y shared-mime-info`);
  }
  return readFileSync(DEBIAN_PDF);
}

export interface HandbookTopic {
  title: string;
  /** Lines as typeset; a line ending in "-" continues the word on the next line. */
  lines: string[];
}

const TOPIC_WORDS = [
  'refunds',
  'shipping',
  'warranty',
  'exchanges',
  'invoices',
  'accounts',
  'passwords',
  'subscriptions',
  'gift cards',
  'deliveries',
];

/** A distinct topic per page: its own nouns, so a search can tell the pages apart. */
export function handbookTopic(page: number): HandbookTopic {
  const word = TOPIC_WORDS[(page - 1) % TOPIC_WORDS.length]!;
  return {
    title: `Policy ${page} for ${word}`,
    lines: [
      `Customers asking about ${word} under policy ${page} get an answer within one business`,
      `day. The agent checks the order number, confirms the customer's identity and ex-`,
      `plains the next step for ${word} in plain words, without jargon or abbreviations.`,
      `Case code P${page}-${word.replace(/\s+/g, '')} is recorded on every ticket about this topic.`,
    ],
  };
}

async function pdfBytes(build: (doc: PDFKit.PDFDocument) => void, options = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    margins: { top: 20, bottom: 20, left: 72, right: 72 },
    autoFirstPage: false,
    ...options,
  });
  const parts: Buffer[] = [];
  doc.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  build(doc);
  doc.end();
  await ended;
  return Buffer.concat(parts);
}

/**
 * A handbook: every page with a running header, a numbered section title, body lines (one word
 * hyphenated across a line break) and a "Page n of N" footer.
 */
export function handbookPdf(
  pages: number,
  options: { userPassword?: string } = {},
): Promise<Buffer> {
  return pdfBytes((doc) => {
    for (let page = 1; page <= pages; page++) {
      doc.addPage();
      doc.fontSize(9).text('ACME Support Handbook — Internal use only', 72, 30);
      const topic = handbookTopic(page);
      doc.fontSize(14).text(`${page}. ${topic.title}`, 72, 80);
      doc.fontSize(11);
      topic.lines.forEach((line, i) => doc.text(line, 72, 110 + i * 16, { lineBreak: false }));
      doc.fontSize(9).text(`Page ${page} of ${pages}`, 72, 750);
    }
  }, options);
}

/** A PDF with no text layer: one raster image per page, as a scanner produces. */
export function scannedPdf(pages = 2): Promise<Buffer> {
  const image = grayscalePng(120, 160);
  return pdfBytes((doc) => {
    for (let page = 1; page <= pages; page++) {
      doc.addPage();
      doc.image(image, 72, 72, { width: 300 });
    }
  });
}

/** A PDF header followed by bytes that are no PDF structure at all. */
export function corruptPdf(): Buffer {
  const junk = Buffer.alloc(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 251;
  return Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), junk]);
}

/** A minimal 8-bit grayscale PNG (a diagonal gradient). */
export function grayscalePng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = (x + y) % 256;
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Word document with headings, a paragraph, a bulleted list and a table. */
export function returnsPolicyDocx(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const document = new DocxDocument({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Returns and exchanges', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun(
                'Unused items can be returned within 30 days of delivery for a full refund to the original payment method.',
              ),
            ],
          }),
          new Paragraph({ text: 'Exchanges', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({
            text: 'Exchanges for another size are free of charge.',
            bullet: { level: 0 },
          }),
          new Paragraph({
            text: 'The replacement ships once the return is scanned.',
            bullet: { level: 0 },
          }),
          new Paragraph({ text: 'Return shipping costs', heading: HeadingLevel.HEADING_2 }),
          new Table({
            rows: [
              new TableRow({ children: [cell('Country'), cell('Cost')] }),
              new TableRow({ children: [cell('Germany'), cell('free')] }),
              new TableRow({ children: [cell('Switzerland'), cell('9.90 CHF')] }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A workbook with a price sheet (header row, a formula, a date) and a hidden sheet. */
export async function pricingXlsx(): Promise<Buffer> {
  const workbook = new Workbook();
  const prices = workbook.addWorksheet('Plans');
  prices.addRow(['Plan', 'Monthly price', 'Seats', 'Available since']);
  prices.addRow(['Starter', 19, 3, new Date(Date.UTC(2023, 0, 15))]);
  prices.addRow(['Growth', { formula: 'B2*3', result: 57 }, 10, new Date(Date.UTC(2023, 5, 1))]);
  prices.addRow(['Enterprise', 'on request', 'unlimited', null]);
  const hidden = workbook.addWorksheet('Lookup');
  hidden.state = 'hidden';
  hidden.addRow(['internal-only-value', 42]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface ZipEntry {
  name: string;
  /** The entry's data, or a generator of it (streamed through deflate, never held whole). */
  data: Buffer | { repeat: Buffer; times: number };
  /** Written in the headers instead of the real uncompressed size. */
  declaredSize?: number;
}

/** A zip assembled by hand: what no well-behaved library writes, such as lying sizes. */
export async function zipOf(entries: ZipEntry[]): Promise<Buffer> {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { compressed, size, crc } = await deflateEntry(entry.data);
    const name = Buffer.from(entry.name, 'utf8');
    const declared = entry.declaredSize ?? size;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(declared, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, compressed);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(compressed.length, 20);
    record.writeUInt32LE(declared, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += header.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

async function deflateEntry(
  data: ZipEntry['data'],
): Promise<{ compressed: Buffer; size: number; crc: number }> {
  if (Buffer.isBuffer(data)) {
    return { compressed: deflateRawSync(data), size: data.length, crc: crc32(data) };
  }
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (part: Buffer) => out.push(part));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  for (let i = 0; i < data.times; i++) {
    crc = crc32(data.repeat, crc);
    if (!deflate.write(data.repeat)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { compressed: Buffer.concat(out), size: data.repeat.length * data.times, crc };
}

/** A ".docx" whose document part inflates from a few KB to `megabytes` MB of zeros. */
export function docxBomb(megabytes: number, declaredSize?: number): Promise<Buffer> {
  return zipOf([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
    {
      name: 'word/document.xml',
      data: { repeat: Buffer.alloc(1024 * 1024), times: megabytes },
      declaredSize,
    },
  ]);
}
