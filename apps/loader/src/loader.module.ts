import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { RealtimeModule } from '@cxgenie/realtime';
import { StorageModule } from '@cxgenie/storage';
import { EmbeddingsModule } from './core-modules/embeddings/embeddings.module';
import { LoaderMetricsModule } from './core-modules/metrics/loader-metrics.module';
import { IngestionModule, type IngestionOptions } from './modules/ingestion/ingestion.module';

/** Document and website ingestion: extract, clean, chunk, embed, dedupe, index. */
@Module({})
export class LoaderModule {
  static register(
    config: ServiceConfig,
    options: PlatformOptions = {},
    ingestion: IngestionOptions = {},
  ): DynamicModule {
    return {
      module: LoaderModule,
      imports: [
        PlatformModule.forService(config, options),
        RealtimeModule,
        StorageModule.forRoot(config),
        EmbeddingsModule,
        LoaderMetricsModule,
        IngestionModule.register(config, ingestion),
      ],
    };
  }
}
