import { QueryTypes, type Sequelize } from 'sequelize';
import type { CachedVector, EmbeddingCacheStore } from './embedding-cache.store';

interface CacheRow {
  content_hash: string;
  vector: Buffer;
}

/** Little-endian float32s: a quarter of the size of `real[]` text and no array parsing. */
export function vectorToBytes(vector: readonly number[]): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes;
}

export function vectorFromBytes(bytes: Buffer): number[] {
  const vector = new Array<number>(Math.floor(bytes.length / 4));
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}

/**
 * The `embedding_cache` table (migration 0005): one SELECT and at most one INSERT per call,
 * whatever the number of texts. Concurrent writers of the same text are harmless: the first
 * row wins and the vectors are the same.
 */
export class PgEmbeddingCacheStore implements EmbeddingCacheStore {
  constructor(private readonly sequelize: Sequelize) {}

  async getMany(space: string, contentHashes: readonly string[]): Promise<Map<string, number[]>> {
    if (contentHashes.length === 0) return new Map();
    const rows = await this.sequelize.query<CacheRow>(
      `SELECT content_hash, vector FROM embedding_cache
        WHERE space = $1 AND content_hash = ANY($2::text[])`,
      { bind: [space, [...contentHashes]], type: QueryTypes.SELECT },
    );
    return new Map(rows.map((row) => [row.content_hash, vectorFromBytes(row.vector)]));
  }

  async putMany(space: string, entries: readonly CachedVector[]): Promise<void> {
    if (entries.length === 0) return;
    await this.sequelize.query(
      `INSERT INTO embedding_cache (space, content_hash, vector)
       SELECT $1, hash, vector FROM unnest($2::text[], $3::bytea[]) AS entry (hash, vector)
       ON CONFLICT (space, content_hash) DO NOTHING`,
      {
        bind: [
          space,
          entries.map((e) => e.contentHash),
          entries.map((e) => vectorToBytes(e.vector)),
        ],
        type: QueryTypes.INSERT,
      },
    );
  }
}
