import type { ServiceName } from '@cxgenie/contracts';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type VectorStoreKind = 'lancedb' | 'milvus';

/** The validated configuration one service process runs with. Built only by `loadServiceConfig`. */
export interface ServiceConfig {
  service: ServiceName;
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  logLevel: LogLevel;
  dataDir: string;
  shutdownTimeoutMs: number;
  database: {
    url: string;
    replicaUrl: string | null;
    poolMax: number;
    acquireTimeoutMs: number;
    /** Pool size for each dedicated-mode workspace database. */
    tenantPoolMax: number;
    /** Dedicated pools kept open at once; the least recently used beyond it are closed. */
    tenantMaxOpen: number;
  };
  redisUrl: string;
  /** Lifetime of a conversation's processing lock; extended while an answer streams. */
  conversationLockTtlMs: number;
  /** Whether this instance consumes queues; false for API-only replicas. */
  queueWorkers: boolean;
  /** Bull key prefix: lets several environments (or parallel test runs) share one Redis. */
  queuePrefix: string;
  clickhouseUrl: string | null;
  vectorStore: { kind: VectorStoreKind; milvusAddress: string | null; milvusToken: string | null };
  auth: {
    jwtSecret: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
  };
  /** Key material for secrets stored at rest (channel credentials); hashed to 256 bits. */
  encryptionKey: string;
  /** Pause between tokens of the built-in answer provider, to stream like a model would. */
  localLlmTokenDelayMs: number;
  /**
   * Model providers. Without keys everything runs on the local providers; a key switches the
   * embedding provider (unless pinned) and makes the provider available to bots that choose it.
   */
  ai: {
    embeddingProvider: 'local' | 'openai';
    localEmbeddingDimensions: number;
    openai: {
      apiKey: string | null;
      baseUrl: string | null;
      embeddingModel: string;
      embeddingDimensions: number;
    };
    anthropic: { apiKey: string | null; baseUrl: string | null };
    firstTokenTimeoutMs: number;
    idleTimeoutMs: number;
    maxOutputTokens: number;
  };
  /** Base URL of every service, this one included, for service-to-service HTTP. */
  serviceUrls: Record<ServiceName, string>;
}
