import type { INestApplication } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { createServiceApp, type PlatformOptions } from '@cxgenie/bootstrap';
import { type ServiceConfig, loadServiceConfig } from '@cxgenie/config';
import type { ServiceName } from '@cxgenie/contracts';
import { LogCapture } from './log-capture';
import { testEnv } from './test-env';

export type ServiceModuleFactory = (
  config: ServiceConfig,
  options: PlatformOptions,
) => DynamicModule;

export interface BootedService {
  app: INestApplication;
  config: ServiceConfig;
  url: string;
  logs: LogCapture;
  close(): Promise<void>;
}

/**
 * Boots one service in-process exactly as `main.ts` does, on a free port, against the real
 * PostgreSQL and Redis, with its log lines captured.
 */
export async function bootService(
  service: ServiceName,
  moduleFactory: ServiceModuleFactory,
  env: Record<string, string> = {},
): Promise<BootedService> {
  const config = loadServiceConfig(service, testEnv(env));
  const logs = new LogCapture();
  const app = await createServiceApp(moduleFactory(config, { logDestination: logs }));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return { app, config: { ...config, port: address.port }, url, logs, close: () => app.close() };
}
