import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { startTracing } from '@cxgenie/observability';

/** Records spans for the service's lifetime when an OTLP endpoint is configured; flushes at exit. */
@Injectable()
export class TracingLifecycle implements OnModuleInit, OnApplicationShutdown {
  private stop: () => Promise<void> = async () => {};

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  onModuleInit(): void {
    this.stop = startTracing({
      service: this.config.service,
      endpoint: this.config.tracing.otlpTracesEndpoint,
      sampleRatio: this.config.tracing.sampleRatio,
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}
