import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { MetricsService, tracedFetch } from '@cxgenie/observability';
import { connectFlagsClient } from './connect-flags-client';
import { FlagsClient } from './flags-client';
import { registerFlagsClientMetrics } from './flags-client.metrics';

function createFlagsClient(config: ServiceConfig, metrics: MetricsService): FlagsClient {
  const logger = new Logger('Flags');
  const client = connectFlagsClient({
    redisUrl: config.redisUrl,
    flagsUrl: config.serviceUrls.flags,
    prefix: config.queuePrefix,
    connectionName: `cxgenie:${config.service}:flags`,
    timeoutMs: config.flags.timeoutMs,
    fetch: (url, init) => tracedFetch(url, init),
    serviceToken: config.serviceToken,
    warn: (message) => logger.warn(message),
  });
  registerFlagsClientMetrics(metrics.registry, client.stats);
  return client;
}

/** The in-process flags client (`FlagsClient`), for the services that read flags. */
@Module({})
export class FlagsClientModule implements OnApplicationShutdown {
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

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
