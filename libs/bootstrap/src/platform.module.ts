import { BullModule, getQueueToken } from '@nestjs/bull';
import { type DynamicModule, type InjectionToken, Module, type Provider } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import type { Sequelize } from 'sequelize';
import { CLICKHOUSE_CLIENT, ClickHouseModule, checkClickHouse } from '@cxgenie/clickhouse';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { SERVICE_TOPOLOGY, heartbeatQueueName } from '@cxgenie/contracts';
import { DATABASE, DatabaseModule, checkPostgres } from '@cxgenie/database';
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
import {
  VECTOR_STORE_CONNECTION,
  type VectorStoreConnection,
  KNOWLEDGE_CHANGES,
  VectorStoreModule,
  type VectorStoreTarget,
  checkVectorStore,
} from '@cxgenie/vector-store';
import {
  RedisKnowledgeChangeFeed,
  knowledgeChangesChannel,
} from './knowledge-changes/redis-knowledge-change-feed';
import { HeartbeatWorker } from './heartbeat/heartbeat.worker';
import { ServiceTokenGuard } from './http/service-token.guard';
import { TracingLifecycle } from './tracing/tracing.lifecycle';
import { QueueWatcher } from './queues/queue-watcher';
import { ScheduledJobsRegistry } from './queues/scheduled-jobs-registry';

export interface PlatformOptions {
  logDestination?: DestinationStream;
}

interface PlatformPart {
  imports: DynamicModule[];
  providers: Provider[];
  checks: { name: string; token: InjectionToken; check: (dependency: never) => Promise<void> }[];
}

const redisPart = (config: ServiceConfig): PlatformPart => ({
  imports: [RedisModule.forRoot(config.redisUrl, `cxgenie:${config.service}`)],
  providers: [],
  checks: [{ name: 'redis', token: REDIS_CLIENT, check: (redis: Redis) => checkRedis(redis) }],
});

const postgresPart = (config: ServiceConfig): PlatformPart => ({
  imports: [DatabaseModule.forRoot(config.database)],
  providers: [],
  checks: [{ name: 'postgres', token: DATABASE, check: (db: Sequelize) => checkPostgres(db) }],
});

const clickhousePart = (config: ServiceConfig): PlatformPart => ({
  imports: [
    ClickHouseModule.forRoot(
      config.clickhouseUrl
        ? { kind: 'server', url: config.clickhouseUrl }
        : { kind: 'embedded', dataDir: `${config.dataDir}/clickhouse` },
    ),
  ],
  providers: [],
  checks: [
    {
      name: 'clickhouse',
      token: CLICKHOUSE_CLIENT,
      check: (ch: ClickHouseClient) => checkClickHouse(ch),
    },
  ],
});

const vectorStorePart = (config: ServiceConfig): PlatformPart => {
  const { kind, milvusAddress, milvusToken } = config.vectorStore;
  const target: VectorStoreTarget =
    kind === 'milvus'
      ? { kind, address: milvusAddress ?? '', token: milvusToken }
      : { kind, dataDir: `${config.dataDir}/lancedb` };
  return {
    imports: [
      VectorStoreModule.forRoot(target, {
        provide: KNOWLEDGE_CHANGES,
        useFactory: (redis: Redis) =>
          new RedisKnowledgeChangeFeed(
            redis,
            config.redisUrl,
            knowledgeChangesChannel(target),
            `cxgenie:${config.service}`,
          ),
        inject: [REDIS_CLIENT],
      }),
    ],
    providers: [],
    checks: [
      {
        name: 'vector-store',
        token: VECTOR_STORE_CONNECTION,
        check: (connection: VectorStoreConnection) => checkVectorStore(connection),
      },
    ],
  };
};

const workersPart = (config: ServiceConfig): PlatformPart => {
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
          new HeartbeatWorker(config.service, queue, logContext, config.queueWorkers),
        inject: [getQueueToken(heartbeatQueue), LogContext],
      },
    ],
    checks: [
      {
        name: 'scheduled-jobs',
        token: ScheduledJobsRegistry,
        check: (registry: ScheduledJobsRegistry) => registry.check(),
      },
    ],
  };
};

/** Every dependency the service's topology names is checked by `/health/ready`. */
const readinessProvider = (parts: PlatformPart[]): Provider => {
  const checks = parts.flatMap((part) => part.checks);
  return {
    provide: READINESS_CHECKS,
    useFactory: (...dependencies: never[]): ReadinessCheck[] =>
      checks.map(({ name, check }, i) => ({ name, check: () => check(dependencies[i]) })),
    inject: checks.map((c) => c.token),
  };
};

/**
 * Everything a service gets from the platform: validated config, JSON logs with trace ids,
 * health and metrics endpoints, Redis, and whatever else its topology declares (PostgreSQL,
 * Bull workers, ClickHouse, the vector store).
 */
@Module({})
export class PlatformModule {
  static forService(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    const topology = SERVICE_TOPOLOGY[config.service];
    const parts = [
      topology.postgres && postgresPart(config),
      redisPart(config),
      topology.clickhouse && clickhousePart(config),
      topology.vectorStore && vectorStorePart(config),
      topology.workers && workersPart(config),
    ].filter((part): part is PlatformPart => Boolean(part));
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ServiceLoggerModule.forRoot({
          service: config.service,
          level: config.logLevel,
          destination: options.logDestination,
        }),
        TerminusModule.forRoot({ logger: false }),
        DiscoveryModule,
        ...parts.flatMap((part) => part.imports),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        MetricsService,
        QueueWatcher,
        ScheduledJobsRegistry,
        { provide: APP_GUARD, useClass: ServiceTokenGuard },
        TracingLifecycle,
        readinessProvider(parts),
        ...parts.flatMap((part) => part.providers),
      ],
      exports: [SERVICE_CONFIG, MetricsService, ScheduledJobsRegistry],
    };
  }
}
