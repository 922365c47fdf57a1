import { BullModule, getQueueToken } from '@nestjs/bull';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/sequelize';
import { TerminusModule } from '@nestjs/terminus';
import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import type { Sequelize } from 'sequelize-typescript';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { SERVICE_TOPOLOGY, type ServiceName, heartbeatQueueName } from '@cxgenie/contracts';
import { DatabaseModule, checkPostgres } from '@cxgenie/database';
import {
  HealthController,
  LogContext,
  MetricsController,
  MetricsService,
  READINESS_CHECKS,
  type ReadinessCheck,
  ServiceLoggerModule,
} from '@cxgenie/observability';
import { REDIS_CLIENT, RedisModule, checkRedis } from '@cxgenie/redis';
import type { DestinationStream } from 'pino';
import { HeartbeatWorker } from './heartbeat/heartbeat.worker';
import { QueueWatcher } from './queues/queue-watcher';

export interface PlatformOptions {
  logDestination?: DestinationStream;
}

const readinessChecks = (service: ServiceName): Provider => ({
  provide: READINESS_CHECKS,
  useFactory: (redis: Redis, sequelize?: Sequelize): ReadinessCheck[] => [
    ...(sequelize ? [{ name: 'postgres', check: () => checkPostgres(sequelize) }] : []),
    { name: 'redis', check: () => checkRedis(redis) },
  ],
  inject: [REDIS_CLIENT, ...(SERVICE_TOPOLOGY[service].postgres ? [getConnectionToken()] : [])],
});

const workerModules = (config: ServiceConfig) => {
  if (!SERVICE_TOPOLOGY[config.service].workers) return { imports: [], providers: [] };
  const heartbeatQueue = heartbeatQueueName(config.service);
  return {
    imports: [
      BullModule.forRoot({ redis: config.redisUrl, prefix: config.queuePrefix }),
      BullModule.registerQueue({
        name: heartbeatQueue,
        defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100, attempts: 1 },
      }),
    ],
    providers: [
      {
        provide: HeartbeatWorker,
        useFactory: (queue: Queue, logContext: LogContext) =>
          new HeartbeatWorker(config.service, queue, logContext),
        inject: [getQueueToken(heartbeatQueue), LogContext],
      },
    ],
  };
};

/**
 * Everything a service gets from the platform: validated config, JSON logs with trace ids,
 * health and metrics endpoints, Redis, and (when it needs them) PostgreSQL and Bull.
 */
@Module({})
export class PlatformModule {
  static forService(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    const { service } = config;
    const workers = workerModules(config);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ServiceLoggerModule.forRoot({
          service,
          level: config.logLevel,
          destination: options.logDestination,
        }),
        TerminusModule.forRoot({ logger: false }),
        DiscoveryModule,
        RedisModule.forRoot(config.redisUrl, `cxgenie:${service}`),
        ...(SERVICE_TOPOLOGY[service].postgres ? [DatabaseModule.forRoot(config.database)] : []),
        ...workers.imports,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        MetricsService,
        readinessChecks(service),
        QueueWatcher,
        ...workers.providers,
      ],
      exports: [SERVICE_CONFIG, MetricsService],
    };
  }
}
