/*
 * Runs once before the whole suite: the real test PostgreSQL and Redis must be up (npm test starts
 * them), and the test database is migrated to the latest schema.
 */
import { Redis } from 'ioredis';
import { Migrator } from '../../../database/src/migrator';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-env';

export default async function globalSetup(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Test Redis at ${TEST_REDIS_URL} is not reachable (run npm run infra:up): ${String(error)}`,
    );
  } finally {
    redis.disconnect();
  }

  const migrator = new Migrator(TEST_DATABASE_URL);
  try {
    await migrator.up();
  } catch (error) {
    throw new Error(
      `Test PostgreSQL at ${TEST_DATABASE_URL} could not be migrated (run npm run infra:up): ${String(error)}`,
    );
  } finally {
    await migrator.close();
  }
}
