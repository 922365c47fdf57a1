import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { createRedisClient } from '@cxgenie/redis';
import { CACHE_REDIS } from './cache-redis';
import { EvaluationCache } from './evaluation-cache';

/**
 * The evaluation cache's own connection fails fast: while Redis is down an evaluation is still
 * answered at once, uncached, instead of waiting in ioredis's offline queue.
 */
@Module({})
export class CacheModule implements OnApplicationShutdown {
  constructor(@Inject(CACHE_REDIS) private readonly redis: Redis) {}

  static forRoot(): DynamicModule {
    return {
      module: CacheModule,
      global: true,
      providers: [
        {
          provide: CACHE_REDIS,
          useFactory: (config: ServiceConfig) => {
            const client = createRedisClient(config.redisUrl, {
              connectionName: 'cxgenie:flags:cache',
              failFast: true,
              autoPipelining: true,
            });
            client.on('error', () => undefined);
            return client;
          },
          inject: [SERVICE_CONFIG],
        },
        EvaluationCache,
      ],
      exports: [EvaluationCache],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
