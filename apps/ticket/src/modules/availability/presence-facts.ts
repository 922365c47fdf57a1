import type { Redis } from 'ioredis';
import {
  AVAILABILITIES,
  type Availability,
  PRESENCE_SOCKET_STALE_MS,
  agentPresenceKeys,
} from '@cxgenie/contracts';
import type { PresenceFacts } from './availability-rule';

/**
 * Reads an agent's presence facts, first dropping sockets no gateway has vouched for lately (their
 * instance died without a disconnect).
 */
export async function readPresenceFacts(
  redis: Redis,
  prefix: string,
  workspaceId: string,
  userId: string,
  now: number,
): Promise<PresenceFacts> {
  const keys = agentPresenceKeys(prefix, workspaceId, userId);
  const replies = await redis
    .multi()
    .zremrangebyscore(keys.sockets, '-inf', `(${now - PRESENCE_SOCKET_STALE_MS}`)
    .zcard(keys.sockets)
    .hmget(keys.state, 'status', 'activityAt')
    .exec();
  if (!replies) throw new Error('presence facts: transaction aborted');
  for (const [error] of replies) if (error) throw error;
  const sockets = Number(replies[1]![1]);
  const [status, activityAt] = replies[2]![1] as (string | null)[];
  return {
    sockets,
    status: (AVAILABILITIES as readonly string[]).includes(status ?? '')
      ? (status as Availability)
      : 'online',
    activityAt: activityAt ? Number(activityAt) : null,
  };
}

/** Remembers the computed availability: gateways read it to know an activity ends idleness. */
export async function rememberEffective(
  redis: Redis,
  prefix: string,
  workspaceId: string,
  userId: string,
  availability: Availability,
): Promise<void> {
  const keys = agentPresenceKeys(prefix, workspaceId, userId);
  const member = `${workspaceId}:${userId}`;
  const pipeline = redis.multi().hset(keys.state, 'effective', availability);
  // An offline agent has nothing left for the sweep to watch until they connect again.
  if (availability === 'offline') pipeline.srem(keys.tracked, member);
  else pipeline.sadd(keys.tracked, member);
  await pipeline.exec();
}
