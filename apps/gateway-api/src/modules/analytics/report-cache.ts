import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { REDIS_CLIENT } from '@cxgenie/redis';

/**
 * A report's answer, kept briefly in Redis (`ANALYTICS_CACHE_TTL_S`, default 30 s): a dashboard
 * opened by several people, or refreshed, asks ClickHouse once. Keyed by workspace, report and
 * the query, so no workspace ever reads another's. A Redis failure only costs the cache.
 */
@Injectable()
export class ReportCache {
  private readonly logger = new Logger(ReportCache.name);
  private readonly ttlSeconds: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.ttlSeconds = config.analytics.reportCacheSeconds;
  }

  async remember<T>(
    workspaceId: string,
    report: string,
    query: object,
    compute: () => Promise<T>,
  ): Promise<T> {
    if (this.ttlSeconds === 0) return compute();
    const key = `analytics:report:${workspaceId}:${report}:${hashOf(query)}`;
    const cached = await this.redis.get(key).catch(() => null);
    if (cached) return JSON.parse(cached) as T;
    const value = await compute();
    await this.redis
      .set(key, JSON.stringify(value), 'EX', this.ttlSeconds)
      .catch((error: Error) => this.logger.warn(`report not cached: ${error.message}`));
    return value;
  }
}

const hashOf = (query: object): string => {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha1').update(JSON.stringify(entries)).digest('hex').slice(0, 20);
};
