import type { Answerability, AnswerRequest } from './conversation-pipeline';
import type { TracedJobData } from './tracing';
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
  /** The chunk as stored: what search matched. */
  text: string;
  /**
   * The chunk with the chunks before and after it in its section, joined back: what an answer is
   * built from (chunks are cut small so that search finds the passage).
   */
  context: string;
  headingPath: string;
  /** Tokens of `context`. */
  tokenCount: number;
  /** Cosine similarity when the vector search returned the chunk, else null. */
  vectorScore: number | null;
  /** The bot's own BM25F score when the full-text search returned the chunk, else null. */
  lexicalScore: number | null;
  updatedAt: string;
}

/** core-ai `POST /v1/search`. */
export interface SearchRequest {
  workspaceId: string;
  botId: string;
  query: string;
  /** Chunks returned, after fusion and re-ranking. Defaults to the bot's setting, else 5. */
  topK?: number;
  /** Defaults to the bot's setting, else on. */
  hybrid?: boolean;
  /** Token budget the returned chunks must fit together. Defaults to the bot's setting. */
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
  /**
   * The handoff was decided before the attempt was written (ADR 0045): `attemptedAnswer` is empty
   * for now, and the agents get this event again, with the attempt, once it is written.
   */
  attemptPending?: boolean;
  /** Why the bot did not answer: score, threshold, evidence (absent from older gateways). */
  answerability?: Answerability | null;
  policy: 'INPUT_ANSWER' | 'AI_GENERATE' | 'NO_REPLY';
  sources: KnowledgeCitation[];
  occurredAt: string;
  traceId?: string;
}

/**
 * An attempted answer owed to the agents (ADR 0058): committed with the handoff it follows, so a
 * process that dies before attaching the attempt leaves the debt behind for another to pay.
 */
export interface AttemptedAnswerJobData extends TracedJobData {
  workspaceId: string;
  conversationId: string;
  messageId: string;
  /** The question as core-ai was asked it, to ask again. */
  request: AnswerRequest;
  /** What the agents were told at the handoff (`attemptPending`), sent again with the attempt. */
  event: BotNotEnoughDataEvent;
}

/** core-ai: a bot's knowledge index compared with PostgreSQL (`GET …/status`, `POST …/reconcile`). */
export const CORE_AI_KNOWLEDGE_INDEX_PATH = '/v1/knowledge-index';

/**
 * `complete`: every chunk PostgreSQL holds for the bot is searchable and nothing else is;
 * `incomplete`: some are missing and could not be repaired (see `error`); `unknown`: not checked
 * since this Redis lost its data or the bot was created.
 */
export type KnowledgeIndexState = 'complete' | 'incomplete' | 'checking' | 'unknown';

/** What one reconciliation of a bot's index found and did. */
export interface KnowledgeIndexReport {
  workspaceId: string;
  botId: string;
  state: KnowledgeIndexState;
  /** Records the bot should have in the current embedding space. */
  expected: number;
  /** Of those, records that were missing from the vector store. */
  missing: number;
  /** Records in the store no source of the bot accounts for. */
  orphans: number;
  /** Missing records written again, and orphans removed. */
  repaired: number;
  removed: number;
  /** Sources being ingested right now: left alone, the loader is writing them. */
  sourcesInFlight: number;
  /** Chunks stored for another embedding model: searchable again once their source is reprocessed. */
  chunksInOtherSpaces: number;
  checkedAt: string | null;
  error: string | null;
}
