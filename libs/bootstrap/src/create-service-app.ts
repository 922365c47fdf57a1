import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { ServiceConfig } from '@cxgenie/config';
import { MetricsService, httpMetricsMiddleware, traceMiddleware } from '@cxgenie/observability';
import { HttpErrorFilter } from './http/http-error.filter';
import { createValidationPipe } from './http/validation.pipe';
import type { PlatformOptions } from './platform.module';
import type { ServiceEntry } from './service-entry';

/**
 * Builds a service's Nest application with the platform's HTTP plumbing in front of every route.
 * Shared by `runService` (production) and the testing lib, so tests boot exactly what runs.
 */
export async function createServiceApp(
  entry: ServiceEntry,
  config: ServiceConfig,
  options: PlatformOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(entry.rootModule(config, options), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // req.ip is the client's address only behind proxies we were told to trust; else the peer's.
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  // Registered on Express before Nest mounts its router, so these wrap every request.
  app.use(traceMiddleware);
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  await entry.configure?.(app, config);
  return app;
}
