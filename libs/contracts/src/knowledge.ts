import type { KnowledgeSourceType } from './domain';

/**
 * The four partitions a bot's knowledge is searched in. Each is searched separately (and
 * concurrently) so one large website crawl cannot crowd a bot's hand-written FAQs out of top-k.
 */
export const KNOWLEDGE_PARTITIONS = ['documents', 'websites', 'faqs', 'snippets'] as const;
export type KnowledgePartition = (typeof KNOWLEDGE_PARTITIONS)[number];

export const PARTITION_OF_SOURCE_TYPE: Readonly<Record<KnowledgeSourceType, KnowledgePartition>> = {
  document: 'documents',
  website: 'websites',
  faq: 'faqs',
  snippet: 'snippets',
};

/** Where a piece of an answer came from; returned with every answer and search result. */
export interface KnowledgeCitation {
  partition: KnowledgePartition;
  sourceId: string;
  documentId: string | null;
  chunkId: string;
  title: string;
  position: number;
  score: number;
}

/** One ranked chunk of `POST /v1/search`. */
export interface RetrievedChunk extends KnowledgeCitation {
  text: string;
  headingPath: string;
  tokenCount: number;
  /** Cosine similarity from the vector store, before re-ranking. */
  vectorScore: number;
  /** BM25 score when hybrid search ran, else null. */
  lexicalScore: number | null;
  updatedAt: string;
}

/** core-ai `POST /v1/search`. */
export interface SearchRequest {
  workspaceId: string;
  botId: string;
  query: string;
  /** Per partition, before merging. Defaults to the bot's setting, else 5. */
  topK?: number;
  hybrid?: boolean;
  /** Token budget the returned chunks must fit together. */
  maxContextTokens?: number;
}

export interface SearchResponse {
  chunks: RetrievedChunk[];
  tookMs: number;
}

/** core-ai `POST /v1/embed`. */
export interface EmbedRequest {
  texts: string[];
}

export interface EmbedResponse {
  model: string;
  dimensions: number;
  vectors: number[][];
}

export const CORE_AI_SEARCH_PATH = '/v1/search';
export const CORE_AI_EMBED_PATH = '/v1/embed';

/**
 * Emitted when the bot could not answer from its knowledge and its policy kept the attempt from the
 * customer (or, per bot setting, whenever it answered NO). The handoff work consumes it.
 */
export interface BotNotEnoughDataEvent {
  type: 'BOT_NOT_ENOUGH_DATA';
  workspaceId: string;
  botId: string;
  conversationId: string;
  customerId: string;
  channelId: string | null;
  messageId: string;
  question: string;
  attemptedAnswer: string;
  policy: 'INPUT_ANSWER' | 'AI_GENERATE' | 'NO_REPLY';
  sources: KnowledgeCitation[];
  occurredAt: string;
  traceId?: string;
}
