import type { ServiceName } from '@cxgenie/contracts';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type VectorStoreKind = 'lancedb' | 'milvus';

export type StorageDriver = 'local' | 's3';

export interface StorageSettings {
  driver: StorageDriver;
  s3: {
    bucket: string | null;
    region: string;
    /** An S3-compatible endpoint (MinIO, R2…); null for AWS itself. */
    endpoint: string | null;
    /** Null: the SDK's default credential chain (environment, instance role…). */
    accessKeyId: string | null;
    secretAccessKey: string | null;
    /** `bucket` in the path rather than the host name, as most S3-compatible servers need. */
    forcePathStyle: boolean;
  };
}

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
  /**
   * The sweep that re-queues customer messages persisted but never queued (a process died between
   * the two): how often it runs (0: never), and how long a message must have waited to count.
   */
  conversationSweep: { intervalMs: number; graceMs: number };
  /** Agent availability and ticket SLAs (the ticket app). */
  tickets: {
    /** An online agent without any activity for this long becomes idle. */
    agentIdleAfterSeconds: number;
    /** How often the SLA targets of open tickets are checked for breaches. */
    slaCheckIntervalMs: number;
  };
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
  /** Where uploaded files live: under `dataDir/uploads`, or in an S3-compatible bucket. */
  storage: StorageSettings;
  knowledge: {
    /** Largest file one upload may carry; a bigger one is refused with 413. */
    uploadMaxBytes: number;
  };
  /** Document and website ingestion (the loader). */
  loader: {
    /** Port of the loader's own Prometheus endpoint; 0 picks a free one. */
    metricsPort: number;
    /** Ingestion jobs one loader process runs at once. */
    concurrency: number;
    /** Largest chunk, in cl100k tokens. */
    chunkTokens: number;
    /** Tokens of a chunk's end repeated at the start of the next one. */
    chunkOverlapTokens: number;
  };
  /** Messaging platforms (the integration service): where their APIs are, how webhooks reach us. */
  channels: {
    telegramApiRoot: string;
    viberApiRoot: string;
    /** Graph API origin without a version: the Meta adapters add theirs (`/v21.0`). */
    metaGraphApiRoot: string;
    /** Public origin the platforms post webhooks to; null: this service's own URL (development). */
    publicWebhookBaseUrl: string | null;
    /** How long a platform message id is remembered, to drop the platform's redeliveries. */
    webhookDedupeTtlSeconds: number;
  };
  /** The analytics store (gateway-api) and what facts cost. */
  analytics: {
    /** Raw facts are dropped this many days after they happened (0: kept). */
    rawTtlDays: number;
    /** How long a report's answer is reused (0: not cached). */
    reportCacheSeconds: number;
    /** USD per million tokens by `provider/model` prefix, over the built-in table. */
    llmPrices: Record<string, { input: number; output: number }>;
  };
  /** Base URL of every service, this one included, for service-to-service HTTP. */
  serviceUrls: Record<ServiceName, string>;
}
