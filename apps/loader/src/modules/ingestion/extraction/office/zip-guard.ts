import type { Readable } from 'node:stream';
import { type Entry, type ZipFile, fromBufferPromise } from 'yauzl';
import { IngestFailure } from '../../ingestion.exception';
import type { ExtractionLimits } from '../extracted-document';

type ZipLimits = Pick<ExtractionLimits, 'maxUnzippedBytes' | 'maxZipRatio' | 'maxZipEntries'>;

/** Below this an entry's ratio says nothing: a tiny XML file of repeated tags compresses well. */
const RATIO_MIN_BYTES = 1024 * 1024;

const mb = (bytes: number): number => Math.round(bytes / (1024 * 1024));

/**
 * Checks that a DOCX/XLSX (a zip) unpacks to a bounded size before mammoth or exceljs unpacks it
 * into memory. Declared sizes are checked first (cheap), then every entry is inflated and counted,
 * because a crafted zip can declare small sizes and inflate to gigabytes: yauzl stops an entry at
 * its declared size, so the real total can never exceed the checked one.
 */
export async function assertZipIsSafe(
  bytes: Buffer,
  what: string,
  limits: ZipLimits,
): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  } catch (error) {
    throw new IngestFailure(
      'corrupt',
      `the ${what} is damaged and cannot be opened (${messageOf(error)})`,
    );
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw bomb(
        `${what} holds ${zip.entryCount} files (at most ${limits.maxZipEntries} are allowed)`,
      );
    }
    let total = 0;
    for await (const entry of entriesOf(zip)) {
      total += entry.uncompressedSize;
      checkDeclared(entry, total, what, limits);
      await inflateAndCount(zip, entry, what);
    }
  } finally {
    zip.close();
  }
}

function checkDeclared(entry: Entry, total: number, what: string, limits: ZipLimits): void {
  if (total > limits.maxUnzippedBytes) {
    throw bomb(
      `${what} expands to more than ${mb(limits.maxUnzippedBytes)} MB when unpacked (a zip bomb?)`,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_MIN_BYTES && ratio > limits.maxZipRatio) {
    throw bomb(
      `${what} contains a part compressed ${Math.round(ratio)}:1, more than the ` +
        `${limits.maxZipRatio}:1 allowed (a zip bomb?)`,
    );
  }
}

const bomb = (reason: string) =>
  new IngestFailure('zip_bomb', `the ${reason}; it was not processed`);

async function* entriesOf(zip: ZipFile): AsyncGenerator<Entry> {
  for (;;) {
    const entry = await new Promise<Entry | null>((resolve, reject) => {
      const cleanup = () => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      const onEntry = (e: Entry) => (cleanup(), resolve(e));
      const onEnd = () => (cleanup(), resolve(null));
      const onError = (error: Error) => (cleanup(), reject(error));
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    }).catch((error: unknown) => {
      throw new IngestFailure('corrupt', `the zip container is damaged (${messageOf(error)})`);
    });
    if (!entry) return;
    yield entry;
  }
}

async function inflateAndCount(zip: ZipFile, entry: Entry, what: string): Promise<void> {
  if (entry.fileName.endsWith('/')) return;
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
    // Bytes are only counted: yauzl itself fails the stream once they exceed the declared size.
    for await (const _chunk of stream) void _chunk;
  } catch (error) {
    const message = messageOf(error);
    if (/too many bytes|not enough bytes/i.test(message)) {
      throw bomb(`${what} declares sizes that do not match its content (a zip bomb?)`);
    }
    throw new IngestFailure('corrupt', `the ${what} is damaged (${message})`);
  }
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
