import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { FlagsHttpClient } from '@cxgenie/contracts';
import { MetricsService, tracedFetch } from '@cxgenie/observability';
import { createRedisClient } from '@cxgenie/redis';
import { FlagsClient } from './flags-client';
import { registerFlagsClientMetrics } from './flags-client.metrics';

function createFlagsClient(config: ServiceConfig, metrics: MetricsService): FlagsClient {
  const logger = new Logger('Flags');
  const name = `cxgenie:${config.service}:flags`;
  // Fail fast: a flag read waits for neither a Redis reconnect nor a slow flags service.
  const redis = createRedisClient(config.redisUrl, { connectionName: name, failFast: true });
  const subscriber = createRedisClient(config.redisUrl, { connectionName: `${name}-sub` });
  for (const client of [redis, subscriber]) client.on('error', () => undefined);
  const client = new FlagsClient({
    prefix: config.queuePrefix,
    redis,
    subscriber,
    flagsService: new FlagsHttpClient({
      baseUrl: config.serviceUrls.flags,
      fetch: (url, init) => tracedFetch(url, init),
      timeoutMs: config.flags.timeoutMs,
    }),
    warn: (message) => logger.warn(message),
  });
  const close = client.close.bind(client);
  client.close = async () => {
    await close();
    await redis.quit().catch(() => redis.disconnect());
  };
  registerFlagsClientMetrics(metrics.registry, client.stats);
  return client;
}

/** The in-process flags client (`FlagsClient`), for the services that read flags. */
@Module({})
export class FlagsClientModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(FlagsClient) private readonly client: FlagsClient) {}

  static forRoot(): DynamicModule {
    return {
      module: FlagsClientModule,
      global: true,
      providers: [
        {
          provide: FlagsClient,
          useFactory: createFlagsClient,
          inject: [SERVICE_CONFIG, MetricsService],
        },
      ],
      exports: [FlagsClient],
    };
  }

  onModuleInit(): void {
    this.client.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
