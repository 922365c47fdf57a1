import type { FlagSource } from '@cxgenie/contracts';

const SOURCES: readonly FlagSource[] = ['memory', 'redis', 'service', 'default'];

/**
 * Plain counters, read by Prometheus at scrape time: a labelled prom-client counter per
 * evaluation would cost more than the cached evaluation itself.
 */
export class FlagsClientStats {
  private readonly byFlag = new Map<string, Record<FlagSource, number>>();
  /** Epoch ms of the last change message (the flags service's clock), null before any. */
  lastChangeAt: number | null = null;

  record(flagKey: string, source: FlagSource): void {
    let counts = this.byFlag.get(flagKey);
    if (!counts) {
      counts = { memory: 0, redis: 0, service: 0, default: 0 };
      this.byFlag.set(flagKey, counts);
    }
    counts[source] += 1;
  }

  evaluations(): { flag: string; source: FlagSource; count: number }[] {
    return [...this.byFlag].flatMap(([flag, counts]) =>
      SOURCES.map((source) => ({ flag, source, count: counts[source] })),
    );
  }

  total(source?: FlagSource): number {
    let sum = 0;
    for (const counts of this.byFlag.values()) {
      for (const s of SOURCES) if (source === undefined || s === source) sum += counts[s];
    }
    return sum;
  }

  /** Evaluations answered without asking the flags service (and so LaunchDarkly's SDK). */
  cacheHits(): number {
    return this.total('memory') + this.total('redis');
  }

  /** Share of evaluations served from a cache; NaN before the first one. */
  hitRatio(): number {
    const total = this.total();
    return total === 0 ? Number.NaN : this.cacheHits() / total;
  }
}
