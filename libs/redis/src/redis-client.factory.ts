import { Redis, type RedisOptions } from 'ioredis';

export interface RedisClientOptions {
  /** Shown in `CLIENT LIST`, so an operator can tell which service holds which connection. */
  connectionName: string;
  /** Fail commands at once while disconnected instead of queueing them (health checks want this). */
  failFast?: boolean;
  /**
   * Commands issued in the same event-loop tick leave in one write. Worth it on hot paths that
   * run many concurrent commands (pipeline workers, socket broadcasts): each write to a socket is
   * a system call and wakes Redis. Not for subscriber or blocking connections.
   */
  autoPipelining?: boolean;
}

/** Reconnects forever with a capped backoff: a Redis restart must never need a service restart. */
const reconnectDelayMs = (attempt: number): number => Math.min(attempt * 200, 2_000);

export function createRedisClient(
  url: string,
  { connectionName, failFast = false, autoPipelining = false }: RedisClientOptions,
): Redis {
  const options: RedisOptions = {
    connectionName,
    retryStrategy: reconnectDelayMs,
    enableOfflineQueue: !failFast,
    maxRetriesPerRequest: failFast ? 0 : 20,
    lazyConnect: false,
    enableAutoPipelining: autoPipelining,
  };
  return new Redis(url, options);
}
