import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';

/** Feature flags: LaunchDarkly behind a Redis cache, pushed to clients in real time. */
@Module({})
export class FlagsModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: FlagsModule,
      imports: [PlatformModule.forService(config, options)],
    };
  }
}
