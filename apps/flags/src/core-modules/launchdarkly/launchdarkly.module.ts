import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { LDClient } from '@launchdarkly/node-server-sdk';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type FlagDataSource, dataSourceFromConfig } from './flag-data-source';
import { FlagEvaluator } from './flag-evaluator';
import { createLaunchDarklyClient } from './launchdarkly-client.factory';
import { FLAG_DATA_SOURCE, LAUNCHDARKLY_CLIENT } from './launchdarkly.tokens';

/** A LaunchDarkly that is down must not keep the flags service from starting: it serves defaults. */
const INITIALIZATION_WAIT_S = 5;

/** The LaunchDarkly SDK client, its data source, and evaluation through it. */
@Module({})
export class LaunchDarklyModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LaunchDarklyModule.name);

  constructor(
    @Inject(LAUNCHDARKLY_CLIENT) private readonly client: LDClient,
    @Inject(FLAG_DATA_SOURCE) private readonly source: FlagDataSource,
  ) {}

  static forRoot(override?: FlagDataSource): DynamicModule {
    return {
      module: LaunchDarklyModule,
      global: true,
      providers: [
        {
          provide: FLAG_DATA_SOURCE,
          useFactory: (config: ServiceConfig) => override ?? dataSourceFromConfig(config),
          inject: [SERVICE_CONFIG],
        },
        {
          provide: LAUNCHDARKLY_CLIENT,
          useFactory: createLaunchDarklyClient,
          inject: [SERVICE_CONFIG, FLAG_DATA_SOURCE],
        },
        FlagEvaluator,
      ],
      exports: [LAUNCHDARKLY_CLIENT, FLAG_DATA_SOURCE, FlagEvaluator],
    };
  }

  async onModuleInit(): Promise<void> {
    const where = this.source.kind === 'file' ? ` (${this.source.path})` : '';
    try {
      await this.client.waitForInitialization({ timeout: INITIALIZATION_WAIT_S });
      this.logger.log(`flags from ${this.source.kind}${where}`);
    } catch (error) {
      this.logger.warn(
        `flags from ${this.source.kind}${where} not available yet, serving coded defaults: ${String(error)}`,
      );
    }
  }

  onApplicationShutdown(): void {
    this.client.close();
  }
}
