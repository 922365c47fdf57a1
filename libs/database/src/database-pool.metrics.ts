import { Inject, Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { Sequelize } from 'sequelize';
import { MetricsService } from '@cxgenie/observability';
import { DATABASE } from './database.tokens';
import { TenantConnections } from './tenancy/tenant-connections';

interface PoolLike {
  /** The most connections the pool opens (DATABASE_POOL_MAX). */
  maxSize: number;
  size: number;
  available: number;
  using: number;
  waiting: number;
}

// `max` alongside the live counts, so saturation (using / max) is one PromQL division.
const STATES = ['size', 'available', 'using', 'waiting'] as const;

/** Pool usage of the primary (and replica) connection, read at scrape time. */
@Injectable()
export class DatabasePoolMetrics {
  constructor(
    @Inject(DATABASE) sequelize: Sequelize,
    metrics: MetricsService,
    tenants: TenantConnections,
  ) {
    const manager = sequelize.connectionManager as unknown as {
      pool: PoolLike | { read: PoolLike; write: PoolLike };
    };
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections by pool and state (max, size, available, using, waiting)',
      labelNames: ['pool', 'state'],
      registers: [metrics.registry],
      collect() {
        const pools: [string, PoolLike][] =
          'read' in manager.pool
            ? [
                ['write', manager.pool.write],
                ['read', manager.pool.read],
              ]
            : [['primary', manager.pool]];
        for (const [pool, stats] of pools) {
          for (const state of STATES) this.set({ pool, state }, stats[state]);
          this.set({ pool, state: 'max' }, stats.maxSize);
        }
      },
    });
    new Gauge({
      name: 'db_dedicated_tenant_pools',
      help: 'Open connection pools to dedicated-mode workspace databases',
      registers: [metrics.registry],
      collect() {
        this.set(tenants.openDedicatedCount());
      },
    });
  }
}
