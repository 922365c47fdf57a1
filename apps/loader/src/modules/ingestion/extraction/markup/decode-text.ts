import { decodeTextFile } from '@cxgenie/text-processing';
import { IngestFailure } from '../../ingestion.exception';

/**
 * The text of a text file: UTF-8, UTF-16/UTF-32 by their byte-order mark, or Windows-1252 when
 * the bytes are not UTF-8. Bytes that are text in none of them are a binary file under a text
 * type.
 */
export function decodeText(bytes: Buffer): string {
  const decoded = decodeTextFile(bytes);
  if (!decoded) {
    throw new IngestFailure(
      'unsupported_type',
      'the file is binary, not text: its type is not supported',
    );
  }
  return decoded.text;
}
