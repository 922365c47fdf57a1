import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { RealtimeModule } from '@cxgenie/realtime';
import { CacheModule } from './core-modules/cache/cache.module';
import type { FlagDataSource } from './core-modules/launchdarkly/flag-data-source';
import { LaunchDarklyModule } from './core-modules/launchdarkly/launchdarkly.module';
import { EvaluationModule } from './modules/evaluation/evaluation.module';

/** Feature flags: LaunchDarkly behind a Redis cache, pushed to clients in real time. */
@Module({})
export class FlagsModule {
  static register(
    config: ServiceConfig,
    options: PlatformOptions = {},
    dataSource?: FlagDataSource,
  ): DynamicModule {
    return {
      module: FlagsModule,
      imports: [
        PlatformModule.forService(config, options),
        RealtimeModule,
        LaunchDarklyModule.forRoot(dataSource),
        CacheModule.forRoot(),
        EvaluationModule,
      ],
    };
  }
}
