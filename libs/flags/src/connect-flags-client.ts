import { FlagsHttpClient, type FlagsFetch, SERVICE_TOKEN_HEADER } from '@cxgenie/contracts';
import { createRedisClient } from '@cxgenie/redis';
import { FlagsClient, type FlagsClientOptions } from './flags-client';

export interface ConnectFlagsClientOptions
  extends Pick<FlagsClientOptions, 'memoryTtlMs' | 'outageBackoffMs' | 'warn'> {
  redisUrl: string;
  flagsUrl: string;
  /** QUEUE_PREFIX, shared with the flags service. */
  prefix: string;
  /** Shown in Redis's CLIENT LIST. */
  connectionName: string;
  timeoutMs?: number;
  fetch?: FlagsFetch;
  /** The flags service's routes are internal: the platform's token goes with every call. */
  serviceToken?: string;
}

/**
 * A started FlagsClient with connections of its own: a fail-fast one for cache reads (a flag read
 * never waits for a Redis reconnect) and a subscriber. `close()` closes both.
 */
export function connectFlagsClient(options: ConnectFlagsClientOptions): FlagsClient {
  const redis = createRedisClient(options.redisUrl, {
    connectionName: options.connectionName,
    failFast: true,
  });
  const subscriber = createRedisClient(options.redisUrl, {
    connectionName: `${options.connectionName}-sub`,
  });
  for (const connection of [redis, subscriber]) connection.on('error', () => undefined);
  const client = new FlagsClient({
    prefix: options.prefix,
    redis,
    subscriber,
    flagsService: new FlagsHttpClient({
      baseUrl: options.flagsUrl,
      fetch: withServiceToken(
        options.fetch ?? ((url, init) => fetch(url, init)),
        options.serviceToken,
      ),
      timeoutMs: options.timeoutMs,
    }),
    memoryTtlMs: options.memoryTtlMs,
    outageBackoffMs: options.outageBackoffMs,
    warn: options.warn,
  });
  const closeSubscriber = client.close.bind(client);
  client.close = async () => {
    await closeSubscriber();
    await redis.quit().catch(() => redis.disconnect());
  };
  client.start();
  return client;
}

const withServiceToken =
  (send: FlagsFetch, token: string | undefined): FlagsFetch =>
  (url, init) =>
    send(
      url,
      token ? { ...init, headers: { ...init.headers, [SERVICE_TOKEN_HEADER]: token } } : init,
    );
