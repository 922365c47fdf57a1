import { createHash } from 'node:crypto';

/**
 * The form a chunk is hashed in: the same text re-extracted with other whitespace or another
 * Unicode composition (NFC vs NFD, full-width forms) hashes the same, so re-ingestion skips it.
 */
export function normalizeForHash(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** SHA-256 hex of the normalized text: `VectorRecord.chunkHash`. */
export function chunkHash(text: string): string {
  return createHash('sha256').update(normalizeForHash(text), 'utf8').digest('hex');
}
