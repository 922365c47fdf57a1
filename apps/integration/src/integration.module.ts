import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';

/** Channel adapters: platform webhooks in, internal messages, platform formats out. */
@Module({})
export class IntegrationModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: IntegrationModule,
      imports: [PlatformModule.forService(config, options)],
    };
  }
}
