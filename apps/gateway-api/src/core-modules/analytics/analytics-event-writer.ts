import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import type { AnalyticsEvent } from '@cxgenie/contracts';
import { CLICKHOUSE_CLIENT } from '@cxgenie/clickhouse';
import {
  ANALYTICS_EVENTS_TABLE,
  type AnalyticsEventRow,
  CREATE_ANALYTICS_EVENTS,
  toAnalyticsEventRow,
} from './analytics-events.table';

/** ClickHouse wants few, large inserts (each one is a part on disk, merged later). */
export const ANALYTICS_INSERT_EVERY_MS = 1_000;
const MAX_ROWS = 10_000;

interface Waiting {
  rows: AnalyticsEventRow[];
  settle: (error?: Error) => void;
}

/**
 * Writes analytics facts to ClickHouse, gathering the facts of every job that arrives within a
 * second into one insert. Each `write` resolves once its facts are stored, so the job that carried
 * them completes only then; an insert that fails rejects every write in it and Bull retries them.
 */
@Injectable()
export class AnalyticsEventWriter implements OnApplicationShutdown {
  private waiting: Waiting[] = [];
  private rows = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Created once per process, before the first insert. */
  private table: Promise<unknown> | null = null;

  constructor(@Inject(CLICKHOUSE_CLIENT) private readonly clickhouse: ClickHouseClient) {}

  write(events: AnalyticsEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({
        rows: events.map(toAnalyticsEventRow),
        settle: (error) => (error ? reject(error) : resolve()),
      });
      this.rows += events.length;
      if (this.rows >= MAX_ROWS) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), ANALYTICS_INSERT_EVERY_MS);
    });
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    this.rows = 0;
    if (batch.length === 0) return;
    try {
      await (this.table ??= this.clickhouse.command({ query: CREATE_ANALYTICS_EVENTS }));
      await this.clickhouse.insert({
        table: ANALYTICS_EVENTS_TABLE,
        values: batch.flatMap((w) => w.rows),
        format: 'JSONEachRow',
      });
      for (const w of batch) w.settle();
    } catch (error) {
      // The table may be what is missing (dropped, or never created): ensure it on the retry.
      this.table = null;
      for (const w of batch) w.settle(error as Error);
    }
  }

  /** Before the client closes: what is gathered is written, not left to a retry. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
