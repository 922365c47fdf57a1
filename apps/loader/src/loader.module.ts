import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';

/** Document and website ingestion: extract, clean, chunk, embed, dedupe, index. */
@Module({})
export class LoaderModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: LoaderModule,
      imports: [PlatformModule.forService(config, options)],
    };
  }
}
