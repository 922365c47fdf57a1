import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { AnsweringModule } from './modules/answering/answering.module';

/** Embeddings, retrieval over the four knowledge partitions, prompts and LLM streaming. */
@Module({})
export class CoreAiModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: CoreAiModule,
      imports: [PlatformModule.forService(config, options), AnsweringModule],
    };
  }
}
