import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { MetricsService } from '@cxgenie/observability';

/**
 * The loader's registry on a port of its own (LOADER_METRICS_PORT, 8000 by default), where
 * Prometheus scrapes workers. The same metrics are on the service port's `/metrics`, so a taken
 * port is logged, not fatal: ingestion matters more than a second scrape endpoint.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | null = null;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The bound port, once listening (useful when configured as 0). */
  get port(): number | null {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address?.port ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || !/^\/(metrics)?(\?.*)?$/.test(req.url ?? '')) {
        res.writeHead(404).end();
        return;
      }
      this.metrics.registry.metrics().then(
        (body) =>
          res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(body),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.config.loader.metricsPort, this.config.host, () => resolve());
      });
      this.server = server;
      this.logger.log(`Prometheus metrics on http://${this.config.host}:${this.port}/metrics`);
    } catch (error) {
      this.logger.warn(
        `metrics port ${this.config.loader.metricsPort} unavailable (${String(error)}); ` +
          'metrics stay on the service port at /metrics',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
