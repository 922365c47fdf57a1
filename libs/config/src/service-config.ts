import type { ServiceName } from '@cxgenie/contracts';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type VectorStoreKind = 'lancedb' | 'milvus';

export type StorageDriver = 'local' | 's3';

export interface StorageSettings {
  driver: StorageDriver;
  /** The `local` driver's directory; null: `dataDir/uploads`. */
  localDir: string | null;
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
  /** The deployment runs one instance of each service, so embedded stores are allowed in production. */
  singleNode: boolean;
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
  /** How long after a handoff its attempted answer is checked for, and written if missing. */
  attemptRecoveryDelayMs: number;
  /** Agent availability and ticket SLAs (the ticket app). */
  tickets: {
    /** An online agent without any activity for this long becomes idle. */
    agentIdleAfterSeconds: number;
    /** How often the SLA targets of open tickets are checked for breaches. */
    slaCheckIntervalMs: number;
  };
  /** Rate limits and budgets against abuse of the anonymous and login routes. */
  limits: {
    widgetSessionsPerIpPerMin: number;
    widgetSessionsPerBotPerMin: number;
    widgetMessagesPerVisitorPerMin: number;
    widgetMessagesPerIpPerMin: number;
    widgetMessagesPerBotPerMin: number;
    workspaceDailyMessageBudget: number;
    authAttemptsPerAccountPerMin: number;
    authAttemptsPerIpPerMin: number;
  };
  /** Proxies whose X-Forwarded-For is believed (express `trust proxy`); empty: none. */
  trustedProxies: string[];
  /** Models bots may choose beyond the known ones; null: the known ones only. */
  llmModelAllowList: string[] | null;
  /** Whether this instance consumes queues; false for API-only replicas. */
  queueWorkers: boolean;
  /**
   * Conversations one worker process answers at once. An answer mostly waits (for the model's
   * tokens, PostgreSQL, Redis), so the slots, not the CPU, capped throughput at 64 (ADR 0050).
   */
  inboundConcurrency: number;
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
  /** Shared secret of service-to-service calls to internal routes (`x-service-token`). */
  serviceToken: string;
  /** OpenTelemetry spans: exported over OTLP/HTTP when an endpoint is configured. */
  tracing: {
    /** Full URL spans are POSTed to (`…/v1/traces`); null: spans are not recorded. */
    otlpTracesEndpoint: string | null;
    /** Share of new traces recorded (a caller's sampling decision is followed). */
    sampleRatio: number;
  };
  /** Pause between tokens of the built-in answer provider, to stream like a model would. */
  localLlmTokenDelayMs: number;
  /**
   * core-ai: longest a streamed answer's delta waits for the next ones to leave with it (the first
   * delta and one ending a sentence or line never wait); 0: one write per delta.
   */
  answerStreamFlushMs: number;
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
    /** core-ai compares every bot's vector index with PostgreSQL when it starts, and repairs it. */
    reconcileOnStart: boolean;
    /**
     * Bytes core-ai's in-memory bot indexes (vectors, chunks, term statistics) may take together;
     * least recently used bots are dropped first, a bot needing over a quarter of it keeps its
     * vectors in the store. 0: vectors always searched in the store.
     */
    indexMemoryBytes: number;
    /** Longest a cached bot index is used without asking the store whether it changed. */
    indexRevalidateMs: number;
    /** Question embeddings core-ai keeps (LRU by space and normalised text); 0: none. */
    queryEmbeddingCacheSize: number;
    /** Bots searched lately (by any instance) built in memory at start; 0: none (ADR 0064). */
    warmBots: number;
    /** Longest start-up waits for that warming before serving. */
    warmWaitMs: number;
    /** Bots whose knowledge settings core-ai keeps in memory (LRU); 0: read on every search. */
    botSettingsCacheSize: number;
    /**
     * Longest core-ai keeps a bot's settings. Changes are announced and drop them at once; this
     * bounds the staleness only should an announcement be lost without the subscription noticing.
     */
    botSettingsCacheTtlMs: number;
    /** Interval of the vector store's compaction and index refresh (core-ai); 0: never. */
    storeMaintenanceIntervalMs: number;
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
    /** Ports a crawled URL may name; any other is refused before connecting (SSRF). */
    crawlAllowedPorts: number[];
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
  /** Feature flags: where the flags service gets them, and how the other services read them. */
  flags: {
    /**
     * With an SDK key the flags service streams from LaunchDarkly (the URIs point the SDK at a
     * relay or, in tests, a local stand-in); without one it serves `file` through the SDK's file
     * data source, reloaded when the file changes.
     */
    launchDarkly: {
      sdkKey: string | null;
      baseUri: string | null;
      streamUri: string | null;
      eventsUri: string | null;
    };
    file: string;
    /** Lifetime of an evaluation cached in Redis; a change drops it sooner. */
    cacheTtlSeconds: number;
    /** How long a service waits for the flags service before serving the coded default. */
    timeoutMs: number;
  };
  /** The email channel (the email service): receiving, polling and sending mail. */
  email: {
    /** Where the SMTP receiver listens (on `host`); 0: any free port. */
    smtpPort: number;
    /** PEM files for STARTTLS; without both, the receiver offers no TLS. */
    smtpTlsKeyFile: string | null;
    smtpTlsCertFile: string | null;
    /** Largest message accepted (announced with SIZE, enforced on every way in). */
    maxMessageBytes: number;
    /** Recipients one SMTP transaction may name; more are refused with 452. */
    maxRecipients: number;
    /** Largest attachment or inline image stored; bigger ones are listed, not stored. */
    maxAttachmentBytes: number;
    /** Attachments stored per message; the rest are listed, not stored. */
    maxAttachments: number;
    /** How often mailboxes to poll are looked for (and a lost IMAP connection retried); 0: none. */
    imapSyncIntervalMs: number;
    /** The relay that sends for channels without an SMTP server of their own, if any. */
    outboundSmtpUrl: string | null;
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
