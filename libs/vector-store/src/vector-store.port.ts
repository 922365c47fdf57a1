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

/** A full-text (BM25) query over one partition, for hybrid search. */
export interface LexicalSearchQuery extends VectorSearchQuery {
  /** The customer's words; `vector` is still needed to report each hit's cosine similarity. */
  text: string;
}

export type LexicalHit = VectorHit & {
  /** BM25 score of the text match (unbounded, higher is better). `score` stays the cosine. */
  lexicalScore: number;
};

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
   * Full-text search over a partition's chunk texts, where the engine has it (LanceDB's BM25
   * index). Without it, hybrid search re-ranks the vector candidates lexically instead.
   */
  lexicalSearch?(space: EmbeddingSpace, query: LexicalSearchQuery): Promise<LexicalHit[]>;
  /** Removes every record of one knowledge source; returns how many were removed when known. */
  deleteBySource(space: EmbeddingSpace, scope: VectorScope, sourceId: string): Promise<void>;
  /** Record ids of a source (for resumable ingestion and tests). */
  countBySource(space: EmbeddingSpace, scope: VectorScope, sourceId: string): Promise<number>;
  /** Id and source of every record of one bot: what reconciliation compares with PostgreSQL. */
  listRecordKeys(space: EmbeddingSpace, scope: VectorScope): Promise<VectorRecordKey[]>;
  /** Removes records of one bot by id; ids of other bots are left alone. */
  deleteRecords(space: EmbeddingSpace, scope: VectorScope, ids: readonly string[]): Promise<void>;
}

export interface VectorRecordKey {
  id: string;
  sourceId: string;
}
