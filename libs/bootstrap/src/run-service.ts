import { ConfigError, type ServiceConfig, loadServiceConfig } from '@cxgenie/config';
import { MetricsService } from '@cxgenie/observability';
import { createServiceApp } from './create-service-app';
import { keepRunningOnUnhandledRejections } from './process-failures';
import type { ServiceEntry } from './service-entry';
import { Logger } from 'nestjs-pino';

/**
 * The `main.ts` of every service: validate config (one clear line and exit 1 on failure), boot,
 * listen, and on SIGTERM/SIGINT drain HTTP and queue workers before exiting, within a deadline.
 */
export async function runService(entry: ServiceEntry): Promise<void> {
  const service = entry.name;
  let config: ServiceConfig;
  try {
    config = loadServiceConfig(service);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${service}: ${error.message}`);
    process.exit(1);
  }

  const app = await createServiceApp(entry, config);
  keepRunningOnUnhandledRejections(app.get(Logger), app.get(MetricsService));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // A stuck connection or job must not keep a pod in Terminating forever.
    setTimeout(() => {
      console.error(`${service}: shutdown exceeded ${config.shutdownTimeoutMs} ms, exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    void app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${service}: error during ${signal} shutdown`, error);
        process.exit(1);
      },
    );
  };
  // Before `listen`: start-up can take seconds (core-ai warms its hot bots, ADR 0064) while queue
  // workers already hold jobs, and a stop meanwhile must drain them, not kill the process.
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await app.listen(config.port, config.host);
  app.get(Logger).log(`${service} listening on http://${config.host}:${config.port}`);
}
