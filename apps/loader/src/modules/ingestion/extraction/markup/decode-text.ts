import { IngestFailure } from '../../ingestion.exception';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);

/**
 * The text of a text file. UTF-8 unless a byte-order mark says UTF-16 (Windows "Unicode" exports);
 * a NUL byte in what should be text means a binary file under a text type.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.subarray(0, 2).equals(UTF16LE_BOM)) return bytes.subarray(2).toString('utf16le');
  if (bytes.subarray(0, 2).equals(UTF16BE_BOM)) {
    const swapped = Buffer.from(bytes.subarray(2));
    return swapped.swap16().toString('utf16le');
  }
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  if (body.includes(0)) {
    throw new IngestFailure(
      'unsupported_type',
      'the file is binary, not text: its type is not supported',
    );
  }
  return body.toString('utf8');
}
