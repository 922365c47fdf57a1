import { z } from 'zod';
import { hasDevelopmentPassword, isDevelopmentSecret } from './development-secrets';

const DEV_DATABASE_URL = 'postgres://cxgenie:cxgenie@127.0.0.1:55432/cxgenie';
const DEV_REDIS_URL = 'redis://127.0.0.1:56379';
// Development-only secrets; production refuses to boot without real ones.
const DEV_JWT_SECRET = 'cxgenie-development-jwt-secret-not-for-production';
const DEV_ENCRYPTION_KEY = 'cxgenie-development-encryption-key-not-for-production';
const DEV_SERVICE_TOKEN = 'cxgenie-development-service-token-not-for-production';

const REQUIRED_IN_PRODUCTION = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'SERVICE_TOKEN',
] as const;
const SECRETS = [
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'SERVICE_TOKEN',
  'S3_SECRET_ACCESS_KEY',
  'MILVUS_TOKEN',
] as const;
const URLS_WITH_PASSWORDS = [
  'DATABASE_URL',
  'DATABASE_REPLICA_URL',
  'REDIS_URL',
  'CLICKHOUSE_URL',
] as const;

const port = z.coerce.number().int().min(0).max(65535);

const positiveInt = z.coerce.number().int().positive();
const urlWithProtocol = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must be a ${protocols.map((p) => `${p}://`).join(' or ')} URL`,
    });
const modelPrices = z.record(
  z.string().regex(/^[a-z0-9-]+\/.+$/, 'keys are provider/model'),
  z.object({ input: z.number().min(0), output: z.number().min(0) }).strict(),
);
/** `LLM_PRICES`: a JSON object of `provider/model` → USD per million tokens. */
const priceTableJson = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value || value.trim() === '') return {};
    try {
      const parsed = modelPrices.safeParse(JSON.parse(value));
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: 'custom',
        message: `must map provider/model to {"input": n, "output": n}: ${parsed.error.issues[0]?.message}`,
      });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
    }
    return z.NEVER;
  });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v : undefined));

/** Variables every service reads. Dev defaults exist so `npm start` works with no .env at all. */
/**
 * Chunk size of ingested knowledge: answer-sized, so search finds the passage; core-ai joins a
 * hit's neighbours back for the answer. Tuned on the dev split of `npm run eval:rag`.
 */
export const DEFAULT_CHUNK_TOKENS = 400;
export const DEFAULT_CHUNK_OVERLAP_TOKENS = 40;

export const platformEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    DATA_DIR: z.string().min(1).default('.data'),
    // Production refuses state kept inside one instance (embedded chdb, LanceDB, local uploads)
    // unless the deployment says it is a single node.
    SINGLE_NODE: z.enum(['true', 'false']).default('false'),
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
    DATABASE_URL: urlWithProtocol(['postgres', 'postgresql']).optional(),
    DATABASE_REPLICA_URL: urlWithProtocol(['postgres', 'postgresql']).optional(),
    DATABASE_POOL_MAX: positiveInt.default(25),
    DATABASE_POOL_ACQUIRE_MS: positiveInt.default(10_000),
    DATABASE_TENANT_POOL_MAX: positiveInt.default(5),
    DATABASE_TENANT_MAX_OPEN: positiveInt.default(50),
    REDIS_URL: urlWithProtocol(['redis', 'rediss']).optional(),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _')
      .default('cxgenie'),
    CLICKHOUSE_URL: urlWithProtocol(['http', 'https']).optional(),
    VECTOR_STORE: z.enum(['lancedb', 'milvus']).default('lancedb'),
    MILVUS_ADDRESS: optionalString,
    MILVUS_TOKEN: optionalString,
    CONVERSATION_LOCK_TTL_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
    // 0 turns the sweep off.
    CONVERSATION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    CONVERSATION_SWEEP_GRACE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    // How long after a handoff decided first its attempt is checked for and, if missing, written
    // again (ADR 0058): longer than any answer takes, so a live attempt is not written twice.
    ATTEMPT_RECOVERY_DELAY_MS: z.coerce.number().int().min(100).max(86_400_000).default(300_000),
    AGENT_IDLE_AFTER_S: z.coerce.number().int().min(1).max(86_400).default(300),
    SLA_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    QUEUE_WORKERS: z.enum(['true', 'false']).default('true'),
    // Conversations one gateway-api worker process answers at once (ADRs 0050, 0052).
    INBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(4_000).default(1_024),
    // Abuse limits (per minute unless named daily); shared by every instance through Redis.
    WIDGET_SESSIONS_PER_IP_PER_MIN: positiveInt.default(30),
    WIDGET_SESSIONS_PER_BOT_PER_MIN: positiveInt.default(600),
    WIDGET_MESSAGES_PER_VISITOR_PER_MIN: positiveInt.default(20),
    WIDGET_MESSAGES_PER_IP_PER_MIN: positiveInt.default(60),
    WIDGET_MESSAGES_PER_BOT_PER_MIN: positiveInt.default(1_200),
    WORKSPACE_DAILY_MESSAGE_BUDGET: positiveInt.default(20_000),
    AUTH_ATTEMPTS_PER_ACCOUNT_PER_MIN: positiveInt.default(10),
    AUTH_ATTEMPTS_PER_IP_PER_MIN: positiveInt.default(100),
    // Express 'trust proxy': comma-separated addresses, CIDRs or loopback/linklocal/uniquelocal.
    TRUSTED_PROXIES: optionalString,
    // Comma-separated models bots may choose, beyond (or, with a custom OPENAI_BASE_URL, instead of) the known ones.
    LLM_MODEL_ALLOWLIST: optionalString,
    LOCAL_LLM_TOKEN_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(15),
    // core-ai: longest an answer's delta waits for the next ones to leave in the same write; 0: one write per delta.
    ANSWER_STREAM_FLUSH_MS: z.coerce.number().int().min(0).max(1_000).default(50),
    EMBEDDING_PROVIDER: z.enum(['auto', 'local', 'openai']).default('auto'),
    LOCAL_EMBEDDING_DIMENSIONS: z.coerce.number().int().min(64).max(4096).default(1024),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: urlWithProtocol(['http', 'https']).optional(),
    OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-large'),
    OPENAI_EMBEDDING_DIMENSIONS: z.coerce.number().int().min(1).max(3072).default(3072),
    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_BASE_URL: urlWithProtocol(['http', 'https']).optional(),
    LLM_FIRST_TOKEN_TIMEOUT_MS: positiveInt.default(30_000),
    LLM_IDLE_TIMEOUT_MS: positiveInt.default(30_000),
    LLM_MAX_OUTPUT_TOKENS: positiveInt.default(800),
    // USD per million tokens by model, for the llm_cost_usd_total metric; models not listed cost 0.
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ACCESS_TTL_S: positiveInt.default(900),
    JWT_REFRESH_TTL_S: positiveInt.default(30 * 24 * 3600),
    ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: urlWithProtocol(['http', 'https']).optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: urlWithProtocol(['http', 'https']).optional(),
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
    TELEGRAM_API_ROOT: urlWithProtocol(['http', 'https']).default('https://api.telegram.org'),
    VIBER_API_ROOT: urlWithProtocol(['http', 'https']).default('https://chatapi.viber.com/pa'),
    META_GRAPH_API_ROOT: urlWithProtocol(['http', 'https']).default('https://graph.facebook.com'),
    PUBLIC_WEBHOOK_BASE_URL: urlWithProtocol(['http', 'https']).optional(),
    WEBHOOK_DEDUPE_TTL_S: positiveInt.default(86_400),
    KNOWLEDGE_UPLOAD_MAX_BYTES: positiveInt.default(50 * 1024 * 1024),
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    /** The local driver's directory, when it is not DATA_DIR/uploads (several DATA_DIRs, one disk). */
    STORAGE_LOCAL_DIR: optionalString,
    S3_BUCKET: optionalString,
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ENDPOINT: urlWithProtocol(['http', 'https']).optional(),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
    SMTP_PORT: port.default(2525),
    SMTP_TLS_KEY_FILE: optionalString,
    SMTP_TLS_CERT_FILE: optionalString,
    EMAIL_MAX_MESSAGE_BYTES: positiveInt.default(25 * 1024 * 1024),
    EMAIL_MAX_RECIPIENTS: z.coerce.number().int().min(1).max(10_000).default(50),
    EMAIL_MAX_ATTACHMENT_BYTES: positiveInt.default(10 * 1024 * 1024),
    EMAIL_MAX_ATTACHMENTS: z.coerce.number().int().min(0).max(1_000).default(20),
    // 0: this instance polls no mailboxes.
    EMAIL_IMAP_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    EMAIL_OUTBOUND_SMTP_URL: urlWithProtocol(['smtp', 'smtps']).optional(),
    LOADER_METRICS_PORT: port.default(8000),
    LOADER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
    LOADER_CHUNK_TOKENS: z.coerce.number().int().min(32).max(8000).default(DEFAULT_CHUNK_TOKENS),
    LOADER_CHUNK_OVERLAP_TOKENS: z.coerce
      .number()
      .int()
      .min(0)
      .max(4000)
      .default(DEFAULT_CHUNK_OVERLAP_TOKENS),
    LAUNCHDARKLY_SDK_KEY: optionalString,
    LAUNCHDARKLY_BASE_URI: urlWithProtocol(['http', 'https']).optional(),
    LAUNCHDARKLY_STREAM_URI: urlWithProtocol(['http', 'https']).optional(),
    LAUNCHDARKLY_EVENTS_URI: urlWithProtocol(['http', 'https']).optional(),
    FLAGS_FILE: z.string().min(1).default('config/flags.json'),
    FLAGS_CACHE_TTL_S: z.coerce.number().int().min(1).max(86_400).default(300),
    FLAGS_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(500),
    KNOWLEDGE_RECONCILE_ON_START: z.enum(['true', 'false']).default('true'),
    // core-ai: memory all bots' in-memory search indexes (vectors + text) may take; 0 keeps vectors in the store.
    KNOWLEDGE_INDEX_MEMORY_MB: z.coerce.number().int().min(0).max(1_048_576).default(512),
    // core-ai: longest a cached bot index is trusted without asking the store (missed announcements).
    KNOWLEDGE_INDEX_REVALIDATE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    // core-ai: how many of the bots searched lately (by any instance) are built in memory at start; 0: none.
    KNOWLEDGE_WARM_BOTS: z.coerce.number().int().min(0).max(1_000).default(20),
    // core-ai: longest start-up waits for that warming before serving (the rest goes on in the background);
    // at most 2 minutes, well inside the Helm chart's 180 s startup probe.
    KNOWLEDGE_WARM_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(15_000),
    // core-ai: question embeddings kept in memory (LRU); 0 turns the cache off.
    QUERY_EMBEDDING_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(5_000),
    // core-ai: bots whose knowledge settings are kept in memory (LRU); 0 reads PostgreSQL every search.
    BOT_SETTINGS_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
    // core-ai: longest a bot's settings are kept should a change announcement be lost unseen.
    BOT_SETTINGS_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
    // core-ai: how often the vector store is compacted and its indexes refreshed; 0 turns it off.
    VECTOR_STORE_MAINTENANCE_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(86_400_000)
      .default(60_000),
    CRAWL_ALLOWED_PORTS: z
      .string()
      .regex(/^\s*\d{1,5}(\s*,\s*\d{1,5})*\s*$/, 'must be a comma-separated list of ports')
      .transform((list) => list.split(',').map((port) => Number(port.trim())))
      .refine((ports) => ports.every((port) => port >= 1 && port <= 65535), {
        message: 'ports must be between 1 and 65535',
      })
      .default('80,443'),
    // 0 keeps raw facts forever; the reports reach back 13 months.
    ANALYTICS_RAW_TTL_DAYS: z.coerce.number().int().min(0).max(36_500).default(400),
    ANALYTICS_CACHE_TTL_S: z.coerce.number().int().min(0).max(3_600).default(30),
    LLM_PRICES: priceTableJson,
  })
  .superRefine((env, ctx) => {
    // Production must never silently talk to a developer's local database.
    if (env.NODE_ENV === 'production') {
      for (const key of REQUIRED_IN_PRODUCTION) {
        if (!env[key]) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'is required when NODE_ENV=production',
          });
        }
      }
      // Development secrets are public (in this repository): production never runs on them.
      for (const key of SECRETS) {
        const value = env[key];
        if (value && isDevelopmentSecret(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message:
              'is a development value (public, in this repository): set a secret of your own',
          });
        }
      }
      for (const key of URLS_WITH_PASSWORDS) {
        const value = env[key];
        if (value && hasDevelopmentPassword(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'uses a development password (public, in this repository)',
          });
        }
      }
    }
    if (env.EMBEDDING_PROVIDER === 'openai' && !env.OPENAI_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_API_KEY'],
        message: 'is required when EMBEDDING_PROVIDER=openai',
      });
    }
    if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({
        code: 'custom',
        path: ['S3_BUCKET'],
        message: 'is required when STORAGE_DRIVER=s3',
      });
    }
    // One without the other would silently fall back to the default credential chain.
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'is required when the other S3 key variable is set',
      });
    }
    if (env.LOADER_CHUNK_OVERLAP_TOKENS >= env.LOADER_CHUNK_TOKENS) {
      ctx.addIssue({
        code: 'custom',
        path: ['LOADER_CHUNK_OVERLAP_TOKENS'],
        message: 'must be smaller than LOADER_CHUNK_TOKENS',
      });
    }
    // One without the other would silently offer no STARTTLS.
    if (Boolean(env.SMTP_TLS_KEY_FILE) !== Boolean(env.SMTP_TLS_CERT_FILE)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SMTP_TLS_KEY_FILE ? 'SMTP_TLS_CERT_FILE' : 'SMTP_TLS_KEY_FILE'],
        message: 'is required when the other SMTP TLS file is set',
      });
    }
    if (env.VECTOR_STORE === 'milvus' && !env.MILVUS_ADDRESS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MILVUS_ADDRESS'],
        message: 'is required when VECTOR_STORE=milvus',
      });
    }
  })
  .transform((env) => ({
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? DEV_DATABASE_URL,
    REDIS_URL: env.REDIS_URL ?? DEV_REDIS_URL,
    JWT_SECRET: env.JWT_SECRET ?? DEV_JWT_SECRET,
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? DEV_ENCRYPTION_KEY,
    SERVICE_TOKEN: env.SERVICE_TOKEN ?? DEV_SERVICE_TOKEN,
  }));

export type PlatformEnv = z.output<typeof platformEnvSchema>;

export const portSchema = port;
export const serviceUrlSchema = urlWithProtocol(['http', 'https']);
