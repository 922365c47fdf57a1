import { Readable } from 'node:stream';
import { type Cell, type Row, ValueType, Workbook, type Worksheet } from 'exceljs';
import { IngestFailure } from '../../ingestion.exception';
import type { ExtractedDocument, ExtractionLimits } from '../extracted-document';
import { decodeText } from '../markup/decode-text';
import { assertZipIsSafe } from './zip-guard';

/**
 * An Excel workbook as text: one `## <sheet>` section per visible sheet, one line per row. With a
 * header row each value is labelled by its column (`Plan: Pro | Price: 38`), so a chunk holding
 * a row from the middle of a sheet still says what its numbers are.
 */
export async function extractXlsx(
  bytes: Buffer,
  limits: ExtractionLimits,
): Promise<ExtractedDocument> {
  await assertZipIsSafe(bytes, 'Excel workbook', limits);
  const workbook = new Workbook();
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer); JSZip underneath reads a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new IngestFailure(
      'corrupt',
      `the Excel workbook is damaged or not an .xlsx (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const writer = new SheetTextWriter(limits);
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') continue;
    writer.writeSheet(sheet, `## ${sheet.name.trim() || `Sheet ${sheet.id}`}`);
  }
  return {
    format: 'xlsx',
    title: '',
    pageCount: null,
    pages: [{ number: null, text: writer.text() }],
  };
}

/** A CSV file, read as text (no number or date coercion: `00123` stays `00123`). */
export async function extractCsv(
  bytes: Buffer,
  limits: ExtractionLimits,
): Promise<ExtractedDocument> {
  const text = decodeText(bytes);
  const workbook = new Workbook();
  let sheet: Worksheet;
  try {
    sheet = await workbook.csv.read(Readable.from([text]), {
      map: (value: unknown) => value,
      parserOptions: { delimiter: guessDelimiter(text), ignoreEmpty: true },
    });
  } catch (error) {
    throw new IngestFailure(
      'corrupt',
      `the CSV file cannot be parsed (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const writer = new SheetTextWriter(limits);
  writer.writeSheet(sheet, null);
  return {
    format: 'csv',
    title: '',
    pageCount: null,
    pages: [{ number: null, text: writer.text() }],
  };
}

/** Spreadsheets exported in many locales separate with `;`, and TSV files with tabs. */
function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const firstLine = end === -1 ? text : text.slice(0, end);
  const count = (delimiter: string) => firstLine.split(delimiter).length - 1;
  return [',', ';', '\t', '|'].reduce((best, candidate) =>
    count(candidate) > count(best) ? candidate : best,
  );
}

class SheetTextWriter {
  private readonly lines: string[] = [];
  private rows = 0;
  private chars = 0;

  constructor(private readonly limits: ExtractionLimits) {}

  text(): string {
    return this.lines.join('\n');
  }

  writeSheet(sheet: Worksheet, heading: string | null): void {
    let header: string[] | null = null;
    let first = true;
    const lines: string[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells = rowCells(row, sheet.columnCount);
      if (cells.every((cell) => cell === '')) return;
      if (first) {
        first = false;
        if (isHeaderRow(row, cells)) {
          header = cells;
          return;
        }
      }
      this.count(1, 0);
      lines.push(formatRow(cells, header));
    });
    if (lines.length === 0) return;
    const block = heading ? [heading, '', ...lines] : lines;
    this.count(
      0,
      block.reduce((sum, line) => sum + line.length + 1, 0),
    );
    if (this.lines.length > 0) this.lines.push('');
    this.lines.push(...block);
  }

  private count(rows: number, chars: number): void {
    this.rows += rows;
    this.chars += chars;
    if (this.rows > this.limits.maxSpreadsheetRows) {
      throw new IngestFailure(
        'too_large',
        `the spreadsheet has more than ${this.limits.maxSpreadsheetRows} rows; split it into smaller files`,
      );
    }
    if (this.chars > this.limits.maxTextChars) {
      throw new IngestFailure(
        'too_large',
        `the spreadsheet holds more than ${this.limits.maxTextChars} characters of text; split it into smaller files`,
      );
    }
  }
}

function rowCells(row: Row, columnCount: number): string[] {
  const cells: string[] = [];
  for (let column = 1; column <= Math.max(columnCount, row.cellCount); column++) {
    cells.push(cellText(row.getCell(column)));
  }
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

function cellText(cell: Cell): string {
  const value = cell.type === ValueType.Formula ? cell.result : cell.value;
  if (value instanceof Date) return formatDate(value);
  return (cell.text ?? '').replace(/\s+/g, ' ').trim();
}

/** Spreadsheet dates are UTC wall-clock values; midnight means a date without a time. */
function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

/** A first row of labels: text in every filled cell, none of it a number. */
function isHeaderRow(row: Row, cells: string[]): boolean {
  const filled = cells.filter((cell) => cell !== '');
  if (filled.length < 2) return false;
  let textCells = 0;
  row.eachCell((cell) => {
    const isText =
      (cell.type === ValueType.String || cell.type === ValueType.RichText) &&
      !/^[-+]?[\d.,\s%$€£]+$/.test(cellText(cell));
    if (isText) textCells++;
  });
  return textCells === filled.length;
}

function formatRow(cells: string[], header: string[] | null): string {
  const parts: string[] = [];
  cells.forEach((value, i) => {
    if (value === '') return;
    const label = header?.[i];
    parts.push(label ? `${label}: ${value}` : value);
  });
  return parts.join(' | ');
}
