import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';

/** Inbound and outbound email with threading, attachments and HTML parsing. */
@Module({})
export class EmailModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: EmailModule,
      imports: [PlatformModule.forService(config, options)],
    };
  }
}
