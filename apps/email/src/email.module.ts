import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';

/**
 * The email channel's service. It runs the platform only for now (health, metrics, the queue
 * heartbeat): receiving, threading and sending mail are not built yet.
 */
@Module({})
export class EmailModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: EmailModule,
      imports: [PlatformModule.forService(config, options)],
    };
  }
}
