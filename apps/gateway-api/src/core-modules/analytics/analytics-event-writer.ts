import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { type AnalyticsFactRow, AnalyticsTables } from '@cxgenie/analytics';
import { CLICKHOUSE_CLIENT, bulkInsert } from '@cxgenie/clickhouse';
import { AnalyticsMetrics } from './analytics.metrics';
import { AnalyticsSchema } from './analytics-schema';

/** ClickHouse wants few, large inserts (each one is a part on disk, merged later). */
export const ANALYTICS_INSERT_EVERY_MS = 1_000;
/**
 * Rows gathered before an insert starts without waiting for the timer. Large enough that the
 * per-insert cost (a part, a pass of every materialized view) is spread thin; small enough that
 * the worker's jobs in flight hold the next batch while this one is written (ADR 0043).
 */
export const ANALYTICS_INSERT_ROWS = 25_000;
/**
 * Ids per "already stored?" query: one query per insert. The list travels as a query parameter,
 * in the URL for a server: 10,000 ids are about 400 KB, within its 1 MiB limit.
 */
const CHECK_CHUNK = 10_000;
const DAY_MS = 86_400_000;

interface Waiting {
  rows: AnalyticsFactRow[];
  settle: (error?: Error) => void;
}

const keyOf = (type: string, eventId: string) => `${type}\u0000${eventId}`;

/**
 * Writes fact rows to ClickHouse, gathering the rows of every job that arrives within a second
 * into one insert. Each `write` resolves once its rows are stored, so the job that carried them
 * completes only then; an insert that fails rejects every write in it and Bull retries them.
 *
 * A fact is stored once: facts already in the table (a job retried after its insert, a step of
 * the pipeline run again) are left out of the insert. That keeps the materialized views exact,
 * which see every inserted row, not the table's deduplicated state.
 */
@Injectable()
export class AnalyticsEventWriter implements OnApplicationShutdown {
  private waiting: Waiting[] = [];
  private rows = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CLICKHOUSE_CLIENT) private readonly clickhouse: ClickHouseClient,
    private readonly schema: AnalyticsSchema,
    private readonly metrics: AnalyticsMetrics,
  ) {}

  write(rows: AnalyticsFactRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ rows, settle: (error) => (error ? reject(error) : resolve()) });
      this.rows += rows.length;
      if (this.rows >= ANALYTICS_INSERT_ROWS) void this.flush();
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
      await this.schema.ready();
      const fresh = await this.notStored(batch.flatMap((w) => w.rows));
      if (fresh.length > 0) {
        // One line per row, named fields (a row omits what its fact does not have, and the
        // column defaults): V8 serialises an object as fast as an array of it, with no copy.
        let body = '';
        for (const row of fresh) body += `${JSON.stringify(row)}\n`;
        await bulkInsert(this.clickhouse, {
          table: AnalyticsTables.Facts,
          format: 'JSONEachRow',
          body: Buffer.from(body),
        });
        this.metrics.count(fresh);
      }
      for (const w of batch) w.settle();
    } catch (error) {
      for (const w of batch) w.settle(error as Error);
    }
  }

  /** The rows whose fact is neither stored yet nor earlier in the batch. */
  private async notStored(rows: AnalyticsFactRow[]): Promise<AnalyticsFactRow[]> {
    const unique = new Map<string, AnalyticsFactRow>();
    for (const row of rows) unique.set(keyOf(row.type, row.event_id), row);
    const candidates = [...unique.values()];
    const stored = new Set<string>();
    for (let i = 0; i < candidates.length; i += CHECK_CHUNK) {
      for (const key of await this.storedKeys(candidates.slice(i, i + CHECK_CHUNK)))
        stored.add(key);
    }
    return candidates.filter((row) => !stored.has(keyOf(row.type, row.event_id)));
  }

  private async storedKeys(rows: AnalyticsFactRow[]): Promise<string[]> {
    const times = rows.map((row) => Date.parse(`${row.occurred_at.replace(' ', 'T')}Z`));
    // A fact recorded again (a retried pipeline step) may carry a later time: a day either side.
    const from = new Date(Math.min(...times) - DAY_MS).toISOString().replace('T', ' ').slice(0, -1);
    const to = new Date(Math.max(...times) + DAY_MS).toISOString().replace('T', ' ').slice(0, -1);
    const result = await this.clickhouse.query({
      query: `SELECT type, event_id FROM ${AnalyticsTables.Facts}
               WHERE workspace_id IN {workspaces:Array(String)}
                 AND occurred_at BETWEEN {from:DateTime64(3, 'UTC')} AND {to:DateTime64(3, 'UTC')}
                 AND event_id IN {ids:Array(String)}`,
      query_params: {
        workspaces: [...new Set(rows.map((row) => row.workspace_id))],
        from,
        to,
        ids: [...new Set(rows.map((row) => row.event_id))],
      },
      format: 'JSONEachRow',
    });
    return ((await result.json()) as { type: string; event_id: string }[]).map((r) =>
      keyOf(r.type, r.event_id),
    );
  }

  /** Before the client closes: what is gathered is written, not left to a retry. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
