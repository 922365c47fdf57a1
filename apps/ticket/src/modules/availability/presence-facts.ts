import type { Redis } from 'ioredis';
import {
  AVAILABILITIES,
  type Availability,
  type AvailabilitySource,
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
): Promise<PresenceFacts & { cause: AvailabilitySource | null }> {
  const keys = agentPresenceKeys(prefix, workspaceId, userId);
  const replies = await redis
    .multi()
    .zremrangebyscore(keys.sockets, '-inf', `(${now - PRESENCE_SOCKET_STALE_MS}`)
    .zcard(keys.sockets)
    .hmget(keys.state, 'status', 'activityAt', 'cause')
    .exec();
  if (!replies) throw new Error('presence facts: transaction aborted');
  for (const [error] of replies) if (error) throw error;
  const sockets = Number(replies[1]![1]);
  const [status, activityAt, cause] = replies[2]![1] as (string | null)[];
  return {
    sockets,
    status: (AVAILABILITIES as readonly string[]).includes(status ?? '')
      ? (status as Availability)
      : 'online',
    activityAt: activityAt ? Number(activityAt) : null,
    // What a gateway last changed, not yet accounted for by a recomputation.
    cause: CAUSES.includes(cause ?? '') ? (cause as AvailabilitySource) : null,
  };
}

const CAUSES: readonly string[] = ['socket', 'status', 'activity'];

/**
 * Remembers the computed availability (gateways read it to know an activity ends idleness), and
 * forgets the cause it accounted for.
 */
export async function rememberEffective(
  redis: Redis,
  prefix: string,
  workspaceId: string,
  userId: string,
  availability: Availability,
): Promise<void> {
  const keys = agentPresenceKeys(prefix, workspaceId, userId);
  const member = `${workspaceId}:${userId}`;
  const pipeline = redis
    .multi()
    .hset(keys.state, 'effective', availability)
    .hdel(keys.state, 'cause');
  // An offline agent has nothing left for the sweep to watch until they connect again.
  if (availability === 'offline') pipeline.srem(keys.tracked, member);
  else pipeline.sadd(keys.tracked, member);
  await pipeline.exec();
}
