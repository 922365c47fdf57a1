import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { MetricsService, httpMetricsMiddleware, traceMiddleware } from '@cxgenie/observability';

/**
 * Builds a service's Nest application with the platform's HTTP plumbing in front of every route.
 * Shared by `runService` (production) and the testing lib, so tests boot exactly what runs.
 */
export async function createServiceApp(rootModule: DynamicModule): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Registered on Express before Nest mounts its router, so these wrap every request.
  app.use(traceMiddleware);
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  return app;
}
