import { Global, Module } from '@nestjs/common';
import { LoaderMetrics } from './loader-metrics';
import { MetricsServer } from './metrics-server';

@Global()
@Module({ providers: [LoaderMetrics, MetricsServer], exports: [LoaderMetrics, MetricsServer] })
export class LoaderMetricsModule {}
