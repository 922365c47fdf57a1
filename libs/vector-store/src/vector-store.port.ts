import type { KnowledgePartition } from '@cxgenie/contracts';
import type { EmbeddingSpace } from '@cxgenie/embeddings';

/** One indexed chunk. The scalar fields are what searches filter on and what citations need. */
export interface VectorRecord {
  /**
   * Chunk id: a uuid or a key derived from one (`<entry id>:<n>`). Letters, digits and `:_.-` only.
   * Upserting the same id replaces the record.
   */
  id: string;
  workspaceId: string;
  botId: string;
  partition: KnowledgePartition;
  sourceId: string;
  documentId: string | null;
  /** SHA-256 of the normalized chunk text. */
  chunkHash: string;
  title: string;
  headingPath: string;
  position: number;
  text: string;
  tokenCount: number;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  vector: number[];
}

export type VectorHit = Omit<VectorRecord, 'vector'> & {
  /** Cosine similarity in [-1, 1], higher is closer. */
  score: number;
};

/** Every read and delete is scoped to one bot of one workspace; adapters enforce it themselves. */
export interface VectorScope {
  workspaceId: string;
  botId: string;
}

export interface VectorSearchQuery extends VectorScope {
  partition: KnowledgePartition;
  vector: number[];
  topK: number;
}

/** A stored chunk without its vector: what the bot's own full-text index and the prompt read. */
export type StoredChunk = Omit<VectorRecord, 'vector'>;

/**
 * The knowledge vector store. One collection/table per embedding space; the partition is a field
 * (Milvus: partition key) so a bot's four partitions are searched as four filtered queries.
 */
export interface VectorStore {
  readonly kind: 'lancedb' | 'milvus';
  /** Creates the space's collection and index if missing and makes it searchable. Idempotent. */
  ensureSpace(space: EmbeddingSpace): Promise<void>;
  upsert(space: EmbeddingSpace, records: readonly VectorRecord[]): Promise<void>;
  search(space: EmbeddingSpace, query: VectorSearchQuery): Promise<VectorHit[]>;
  /**
   * The nearest chunks' ids and cosines only: for a caller that holds the chunks already (core-ai's
   * per-bot index), one query instead of two.
   */
  nearest(
    space: EmbeddingSpace,
    query: VectorSearchQuery,
  ): Promise<{ id: string; score: number }[]>;
  /**
   * Every chunk of one bot, without vectors: core-ai builds the bot's full-text index from them,
   * so its BM25 statistics are the bot's own and never another tenant's.
   */
  scanScope(space: EmbeddingSpace, scope: VectorScope): Promise<StoredChunk[]>;
  /**
   * Changes whenever a chunk of the bot is written or removed (cheap when nothing changed): tells
   * a cached full-text index of the bot whether it is still current.
   */
  scopeRevision(space: EmbeddingSpace, scope: VectorScope): Promise<string>;
  /**
   * Every vector of one bot, in the order the store scans them (row i of `vectors` is `ids[i]`,
   * `dimensions` floats each): core-ai holds a bot's vectors in memory and searches them itself.
   * Optional: an adapter without it keeps the vector leg in the store.
   */
  scanScopeVectors?(space: EmbeddingSpace, scope: VectorScope): Promise<ScopeVectors>;
  /**
   * Background upkeep of every space whichever process wrote it: compacts small fragments,
   * folds unindexed rows into the indexes, drops old versions. Returns the spaces it changed.
   */
  maintain?(): Promise<number>;
  /** Removes every record of one knowledge source; returns how many were removed when known. */
  deleteBySource(space: EmbeddingSpace, scope: VectorScope, sourceId: string): Promise<void>;
  /** Record ids of a source (for resumable ingestion and tests). */
  countBySource(space: EmbeddingSpace, scope: VectorScope, sourceId: string): Promise<number>;
  /** Removes every record of one bot (the bot was deleted). */
  deleteScope(space: EmbeddingSpace, scope: VectorScope): Promise<void>;
  /** Id and source of every record of one bot: what reconciliation compares with PostgreSQL. */
  listRecordKeys(space: EmbeddingSpace, scope: VectorScope): Promise<VectorRecordKey[]>;
  /** Removes records of one bot by id; ids of other bots are left alone. */
  deleteRecords(space: EmbeddingSpace, scope: VectorScope, ids: readonly string[]): Promise<void>;
}

export interface VectorRecordKey {
  id: string;
  sourceId: string;
}

/** A bot's vectors as one contiguous block. */
export interface ScopeVectors {
  ids: string[];
  vectors: Float32Array;
}
