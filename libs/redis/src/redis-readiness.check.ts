import type { Redis } from 'ioredis';

/** Ready means connected and answering, not merely "a reconnect is scheduled". */
export async function checkRedis(client: Redis): Promise<void> {
  if (client.status !== 'ready') throw new Error(`redis connection is ${client.status}`);
  const reply = await client.ping();
  if (reply !== 'PONG') throw new Error(`redis answered ${reply} to PING`);
}
