import { randomBytes } from 'node:crypto';

/** The test databases `npm run infra:up` creates, kept apart from the dev ones. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://cxgenie:cxgenie@127.0.0.1:55432/cxgenie_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:56379/1';

/** The service token of every service a test boots: internal routes refuse calls without it. */
export const TEST_SERVICE_TOKEN = 'cxgenie-test-service-token-0123456789abcdef';

/**
 * Environment for a service booted by a test. Each call gets its own Bull prefix so suites running
 * in parallel never consume each other's jobs.
 */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    SERVICE_TOKEN: TEST_SERVICE_TOKEN,
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    // Embedded ClickHouse allows one owning process per data directory: one per test process
    // (Jest workers of concurrent runs share worker ids, so the pid it is).
    DATA_DIR: `.data/test/pid-${process.pid}`,
    // Suites share one database: a sweep in one suite's gateway would answer, with its own core-ai,
    // the messages another suite is deliberately holding back. The sweep's own spec turns it on.
    CONVERSATION_SWEEP_INTERVAL_MS: '0',
    // Every test comes from 127.0.0.1 and some send hundreds of messages a minute on purpose; the
    // abuse limits' own spec sets them low.
    WIDGET_SESSIONS_PER_IP_PER_MIN: '100000',
    WIDGET_MESSAGES_PER_VISITOR_PER_MIN: '100000',
    WIDGET_MESSAGES_PER_IP_PER_MIN: '100000',
    WIDGET_MESSAGES_PER_BOT_PER_MIN: '100000',
    // No flags service unless a suite starts one: every flag on its coded default, and never a
    // developer's running flags service (whose file may say otherwise) by accident.
    FLAGS_URL: 'http://127.0.0.1:1',
    // A core-ai reconciling every bot's index at boot would refill, mid-test, the vectors
    // another suite removed on purpose. The reconciliation's own spec turns it on.
    KNOWLEDGE_RECONCILE_ON_START: 'false',
    // The email service's SMTP receiver on any free port: suites run side by side. Mailboxes are
    // polled only by the suite that tests them (the database, and its channels, are shared).
    SMTP_PORT: '0',
    EMAIL_IMAP_SYNC_INTERVAL_MS: '0',
    // Suites read reports right after writing facts; the cache has a spec of its own.
    ANALYTICS_CACHE_TTL_S: '0',
    ...overrides,
  };
}
