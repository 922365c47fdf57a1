import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createRedisClient } from './redis-client.factory';
import { RedisLocks } from './locks/redis-locks';
import { REDIS_CLIENT } from './redis.tokens';

@Module({})
export class RedisModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('Redis');

  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis) {}

  static forRoot(url: string, connectionName: string): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      providers: [
        {
          provide: REDIS_CLIENT,
          useFactory: () => {
            const client = createRedisClient(url, { connectionName, autoPipelining: true });
            // Without a listener ioredis rethrows connection errors and would crash the process.
            client.on('error', (error: Error) =>
              RedisModule.logger.warn(`redis: ${error.message}`),
            );
            return client;
          },
        },
        RedisLocks,
      ],
      exports: [REDIS_CLIENT, RedisLocks],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
