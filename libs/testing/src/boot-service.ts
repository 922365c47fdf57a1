import type { INestApplication } from '@nestjs/common';
import { type ServiceEntry, createServiceApp } from '@cxgenie/bootstrap';
import { type ServiceConfig, loadServiceConfig } from '@cxgenie/config';
import { LogCapture } from './log-capture';
import { testEnv } from './test-env';

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
  entry: ServiceEntry,
  env: Record<string, string> = {},
): Promise<BootedService> {
  const config = loadServiceConfig(entry.name, testEnv(env));
  const logs = new LogCapture();
  const app = await createServiceApp(entry, config, { logDestination: logs });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return { app, config: { ...config, port: address.port }, url, logs, close: () => app.close() };
}
