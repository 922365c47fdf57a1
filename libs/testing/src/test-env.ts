import { randomBytes } from 'node:crypto';

/** The test databases `npm run infra:up` creates, kept apart from the dev ones. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://cxgenie:cxgenie@127.0.0.1:55432/cxgenie_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:56379/1';

/**
 * Environment for a service booted by a test. Each call gets its own Bull prefix so suites running
 * in parallel never consume each other's jobs.
 */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    // Embedded ClickHouse allows one owning process per data directory: one per test process
    // (Jest workers of concurrent runs share worker ids, so the pid it is).
    DATA_DIR: `.data/test/pid-${process.pid}`,
    // Suites share one database: a sweep in one suite's gateway would answer, with its own core-ai,
    // the messages another suite is deliberately holding back. The sweep's own spec turns it on.
    CONVERSATION_SWEEP_INTERVAL_MS: '0',
    // Suites read reports right after writing facts; the cache has a spec of its own.
    ANALYTICS_CACHE_TTL_S: '0',
    ...overrides,
  };
}
