import { Redis } from 'ioredis';

/**
 * Removes what a run left under its queue prefix: jobs kept for inspection, and jobs of queues
 * whose consumers the run does not start. Runs would otherwise pile up in Redis, and every later
 * run would pay for persisting them.
 */
export async function deleteKeys(redis: Redis | string, pattern: string): Promise<void> {
  const client = typeof redis === 'string' ? new Redis(redis) : redis;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    if (client !== redis) client.disconnect();
  }
}
