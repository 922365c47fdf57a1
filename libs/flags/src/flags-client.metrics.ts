import { Counter, Gauge, type Registry } from 'prom-client';
import type { FlagsClientStats } from './flags-client-stats';

/**
 * The client's figures on the service's `/metrics`: evaluations by flag and where they came from,
 * the cache hit ratio, the calls the cache saved (each would have been a flags service call and a
 * LaunchDarkly SDK evaluation), and how long ago the last flag change arrived.
 */
export function registerFlagsClientMetrics(registry: Registry, stats: FlagsClientStats): void {
  new Counter({
    name: 'flags_client_evaluations_total',
    help: 'Flag evaluations in this process, by flag and source (memory, redis, service, default)',
    labelNames: ['flag', 'source'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { flag, source, count } of stats.evaluations()) {
        if (count > 0) this.inc({ flag, source }, count);
      }
    },
  });
  new Gauge({
    name: 'flags_client_cache_hit_ratio',
    help: 'Share of flag evaluations served from memory or Redis (0 before the first evaluation)',
    registers: [registry],
    collect() {
      const ratio = stats.hitRatio();
      this.set(Number.isNaN(ratio) ? 0 : ratio);
    },
  });
  new Counter({
    name: 'flags_client_launchdarkly_calls_saved_total',
    help: 'Evaluations answered from a cache instead of the flags service and its LaunchDarkly SDK',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(stats.cacheHits());
    },
  });
  new Gauge({
    name: 'flags_client_seconds_since_last_change',
    help: 'Seconds since the last flag change message arrived (-1: none yet)',
    registers: [registry],
    collect() {
      this.set(stats.lastChangeAt === null ? -1 : (Date.now() - stats.lastChangeAt) / 1000);
    },
  });
}
