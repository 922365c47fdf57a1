import { resolve } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_SERVICE_PORTS,
  SERVICE_NAMES,
  SERVICE_TOPOLOGY,
  type ServiceName,
  servicePortEnvVar,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import { ConfigError, type ConfigProblem } from './config.error';
import { embeddedStateProblems } from './embedded-state';
import { platformEnvSchema, portSchema, serviceUrlSchema } from './env-schema';
import type { ServiceConfig } from './service-config';

type Env = Record<string, string | undefined>;

const describeIssue = (issue: z.ZodIssue): string => {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'is required';
  return issue.message.startsWith('is ') || issue.message.startsWith('must ')
    ? issue.message
    : `is invalid: ${issue.message}`;
};

const problemsOf = (error: z.ZodError, variable?: string): ConfigProblem[] =>
  error.issues.map((issue) => ({
    variable: variable ?? String(issue.path[0] ?? 'environment'),
    problem: describeIssue(issue),
  }));

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/** Treats empty strings as unset, the way shells and .env files usually mean them. */
const withoutEmpty = (env: Env): Env =>
  Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );

/**
 * Validates the environment for one service. Every problem is reported at once, by variable
 * name, so a misconfigured deploy is fixed in one round trip.
 */
export function loadServiceConfig(service: ServiceName, rawEnv: Env = process.env): ServiceConfig {
  const env = withoutEmpty(rawEnv);
  const problems: ConfigProblem[] = [];

  const platform = platformEnvSchema.safeParse(env);
  if (!platform.success) problems.push(...problemsOf(platform.error));
  // From the raw variables, so a deploy missing a secret hears about its stores in the same line.
  problems.push(...embeddedStateProblems(env, SERVICE_TOPOLOGY[service]));
  // Without it the platforms would be given the in-cluster address the connect call came from.
  if (env['NODE_ENV'] === 'production' && service === 'integration') {
    const base = env['PUBLIC_WEBHOOK_BASE_URL'];
    if (!base || !base.startsWith('https://')) {
      problems.push({
        variable: 'PUBLIC_WEBHOOK_BASE_URL',
        problem: base
          ? 'must be an https:// URL when NODE_ENV=production (platforms post webhooks only to https)'
          : 'is required when NODE_ENV=production: the public https origin platforms post webhooks to',
      });
    }
  }

  const ports = {} as Record<ServiceName, number>;
  const serviceUrls = {} as Record<ServiceName, string>;
  for (const name of SERVICE_NAMES) {
    const portVar = servicePortEnvVar(name);
    const parsedPort = portSchema.safeParse(env[portVar] ?? DEFAULT_SERVICE_PORTS[name]);
    if (parsedPort.success) ports[name] = parsedPort.data;
    else problems.push(...problemsOf(parsedPort.error, portVar));

    const urlVar = serviceUrlEnvVar(name);
    const rawUrl = env[urlVar] ?? `http://127.0.0.1:${ports[name] ?? DEFAULT_SERVICE_PORTS[name]}`;
    const parsedUrl = serviceUrlSchema.safeParse(rawUrl);
    if (parsedUrl.success) serviceUrls[name] = parsedUrl.data.replace(/\/+$/, '');
    else problems.push(...problemsOf(parsedUrl.error, urlVar));
  }

  if (problems.length > 0 || !platform.success) throw new ConfigError(problems);
  const p = platform.data;
  return {
    service,
    nodeEnv: p.NODE_ENV,
    singleNode: p.SINGLE_NODE === 'true',
    host: p.HOST,
    port: ports[service],
    logLevel: p.LOG_LEVEL,
    dataDir: resolve(p.DATA_DIR),
    shutdownTimeoutMs: p.SHUTDOWN_TIMEOUT_MS,
    database: {
      url: p.DATABASE_URL,
      replicaUrl: p.DATABASE_REPLICA_URL ?? null,
      poolMax: p.DATABASE_POOL_MAX,
      acquireTimeoutMs: p.DATABASE_POOL_ACQUIRE_MS,
      tenantPoolMax: p.DATABASE_TENANT_POOL_MAX,
      tenantMaxOpen: p.DATABASE_TENANT_MAX_OPEN,
    },
    redisUrl: p.REDIS_URL,
    queuePrefix: p.QUEUE_PREFIX,
    queueWorkers: p.QUEUE_WORKERS === 'true',
    inboundConcurrency: p.INBOUND_CONCURRENCY,
    conversationLockTtlMs: p.CONVERSATION_LOCK_TTL_MS,
    conversationSweep: {
      intervalMs: p.CONVERSATION_SWEEP_INTERVAL_MS,
      graceMs: p.CONVERSATION_SWEEP_GRACE_MS,
    },
    attemptRecoveryDelayMs: p.ATTEMPT_RECOVERY_DELAY_MS,
    tickets: {
      agentIdleAfterSeconds: p.AGENT_IDLE_AFTER_S,
      slaCheckIntervalMs: p.SLA_CHECK_INTERVAL_MS,
    },
    clickhouseUrl: p.CLICKHOUSE_URL ?? null,
    vectorStore: {
      kind: p.VECTOR_STORE,
      milvusAddress: p.MILVUS_ADDRESS ?? null,
      milvusToken: p.MILVUS_TOKEN ?? null,
    },
    limits: {
      widgetSessionsPerIpPerMin: p.WIDGET_SESSIONS_PER_IP_PER_MIN,
      widgetSessionsPerBotPerMin: p.WIDGET_SESSIONS_PER_BOT_PER_MIN,
      widgetMessagesPerVisitorPerMin: p.WIDGET_MESSAGES_PER_VISITOR_PER_MIN,
      widgetMessagesPerIpPerMin: p.WIDGET_MESSAGES_PER_IP_PER_MIN,
      widgetMessagesPerBotPerMin: p.WIDGET_MESSAGES_PER_BOT_PER_MIN,
      workspaceDailyMessageBudget: p.WORKSPACE_DAILY_MESSAGE_BUDGET,
      authAttemptsPerAccountPerMin: p.AUTH_ATTEMPTS_PER_ACCOUNT_PER_MIN,
      authAttemptsPerIpPerMin: p.AUTH_ATTEMPTS_PER_IP_PER_MIN,
    },
    trustedProxies: commaList(p.TRUSTED_PROXIES),
    llmModelAllowList: p.LLM_MODEL_ALLOWLIST ? commaList(p.LLM_MODEL_ALLOWLIST) : null,
    auth: {
      jwtSecret: p.JWT_SECRET,
      accessTtlSeconds: p.JWT_ACCESS_TTL_S,
      refreshTtlSeconds: p.JWT_REFRESH_TTL_S,
    },
    encryptionKey: p.ENCRYPTION_KEY,
    serviceToken: p.SERVICE_TOKEN,
    tracing: {
      otlpTracesEndpoint:
        p.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
        (p.OTEL_EXPORTER_OTLP_ENDPOINT
          ? `${withoutTrailingSlash(p.OTEL_EXPORTER_OTLP_ENDPOINT)}/v1/traces`
          : null),
      sampleRatio: p.OTEL_TRACES_SAMPLER_ARG,
    },
    localLlmTokenDelayMs: p.LOCAL_LLM_TOKEN_DELAY_MS,
    answerStreamFlushMs: p.ANSWER_STREAM_FLUSH_MS,
    ai: {
      embeddingProvider:
        p.EMBEDDING_PROVIDER === 'auto'
          ? p.OPENAI_API_KEY
            ? 'openai'
            : 'local'
          : p.EMBEDDING_PROVIDER,
      localEmbeddingDimensions: p.LOCAL_EMBEDDING_DIMENSIONS,
      openai: {
        apiKey: p.OPENAI_API_KEY ?? null,
        baseUrl: p.OPENAI_BASE_URL ?? null,
        embeddingModel: p.OPENAI_EMBEDDING_MODEL,
        embeddingDimensions: p.OPENAI_EMBEDDING_DIMENSIONS,
      },
      anthropic: { apiKey: p.ANTHROPIC_API_KEY ?? null, baseUrl: p.ANTHROPIC_BASE_URL ?? null },
      firstTokenTimeoutMs: p.LLM_FIRST_TOKEN_TIMEOUT_MS,
      idleTimeoutMs: p.LLM_IDLE_TIMEOUT_MS,
      maxOutputTokens: p.LLM_MAX_OUTPUT_TOKENS,
    },
    storage: {
      driver: p.STORAGE_DRIVER,
      localDir: p.STORAGE_LOCAL_DIR ? resolve(p.STORAGE_LOCAL_DIR) : null,
      s3: {
        bucket: p.S3_BUCKET ?? null,
        region: p.S3_REGION,
        endpoint: p.S3_ENDPOINT ?? null,
        accessKeyId: p.S3_ACCESS_KEY_ID ?? null,
        secretAccessKey: p.S3_SECRET_ACCESS_KEY ?? null,
        forcePathStyle: p.S3_FORCE_PATH_STYLE === 'true',
      },
    },
    knowledge: {
      uploadMaxBytes: p.KNOWLEDGE_UPLOAD_MAX_BYTES,
      reconcileOnStart: p.KNOWLEDGE_RECONCILE_ON_START === 'true',
      indexMemoryBytes: p.KNOWLEDGE_INDEX_MEMORY_MB * 1024 * 1024,
      indexRevalidateMs: p.KNOWLEDGE_INDEX_REVALIDATE_MS,
      queryEmbeddingCacheSize: p.QUERY_EMBEDDING_CACHE_SIZE,
      warmBots: p.KNOWLEDGE_WARM_BOTS,
      warmWaitMs: p.KNOWLEDGE_WARM_WAIT_MS,
      botSettingsCacheSize: p.BOT_SETTINGS_CACHE_SIZE,
      botSettingsCacheTtlMs: p.BOT_SETTINGS_CACHE_TTL_MS,
      storeMaintenanceIntervalMs: p.VECTOR_STORE_MAINTENANCE_INTERVAL_MS,
    },
    loader: {
      metricsPort: p.LOADER_METRICS_PORT,
      concurrency: p.LOADER_CONCURRENCY,
      chunkTokens: p.LOADER_CHUNK_TOKENS,
      chunkOverlapTokens: p.LOADER_CHUNK_OVERLAP_TOKENS,
      crawlAllowedPorts: p.CRAWL_ALLOWED_PORTS,
    },
    channels: {
      telegramApiRoot: withoutTrailingSlash(p.TELEGRAM_API_ROOT),
      viberApiRoot: withoutTrailingSlash(p.VIBER_API_ROOT),
      metaGraphApiRoot: withoutTrailingSlash(p.META_GRAPH_API_ROOT),
      publicWebhookBaseUrl: p.PUBLIC_WEBHOOK_BASE_URL
        ? withoutTrailingSlash(p.PUBLIC_WEBHOOK_BASE_URL)
        : null,
      webhookDedupeTtlSeconds: p.WEBHOOK_DEDUPE_TTL_S,
    },
    flags: {
      launchDarkly: {
        sdkKey: p.LAUNCHDARKLY_SDK_KEY ?? null,
        baseUri: p.LAUNCHDARKLY_BASE_URI ? withoutTrailingSlash(p.LAUNCHDARKLY_BASE_URI) : null,
        streamUri: p.LAUNCHDARKLY_STREAM_URI
          ? withoutTrailingSlash(p.LAUNCHDARKLY_STREAM_URI)
          : null,
        eventsUri: p.LAUNCHDARKLY_EVENTS_URI
          ? withoutTrailingSlash(p.LAUNCHDARKLY_EVENTS_URI)
          : null,
      },
      file: resolve(p.FLAGS_FILE),
      cacheTtlSeconds: p.FLAGS_CACHE_TTL_S,
      timeoutMs: p.FLAGS_TIMEOUT_MS,
    },
    email: {
      smtpPort: p.SMTP_PORT,
      smtpTlsKeyFile: p.SMTP_TLS_KEY_FILE ?? null,
      smtpTlsCertFile: p.SMTP_TLS_CERT_FILE ?? null,
      maxMessageBytes: p.EMAIL_MAX_MESSAGE_BYTES,
      maxRecipients: p.EMAIL_MAX_RECIPIENTS,
      maxAttachmentBytes: p.EMAIL_MAX_ATTACHMENT_BYTES,
      maxAttachments: p.EMAIL_MAX_ATTACHMENTS,
      imapSyncIntervalMs: p.EMAIL_IMAP_SYNC_INTERVAL_MS,
      outboundSmtpUrl: p.EMAIL_OUTBOUND_SMTP_URL ?? null,
    },
    analytics: {
      rawTtlDays: p.ANALYTICS_RAW_TTL_DAYS,
      reportCacheSeconds: p.ANALYTICS_CACHE_TTL_S,
      llmPrices: p.LLM_PRICES,
    },
    serviceUrls,
  };
}

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
