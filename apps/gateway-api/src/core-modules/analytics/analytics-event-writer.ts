import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { type AnalyticsFactRow, AnalyticsTables } from '@cxgenie/analytics';
import { CLICKHOUSE_CLIENT, bulkInsert } from '@cxgenie/clickhouse';
import { AnalyticsMetrics, FactTally } from './analytics.metrics';
import { AnalyticsSchema } from './analytics-schema';
import type { EncodedFacts } from './enrichment/encoded-facts';
import { storedFactKeys, storedKey } from './stored-facts';

/** ClickHouse wants few, large inserts (each one is a part on disk, merged later). */
export const ANALYTICS_INSERT_EVERY_MS = 1_000;
/**
 * Rows gathered before an insert starts without waiting for the timer. Large enough that the
 * per-insert cost (a part, a pass of every materialized view) is spread thin; small enough that
 * the worker's jobs in flight hold the next batch while this one is written (ADR 0043).
 */
export const ANALYTICS_INSERT_ROWS = 25_000;
/**
 * Ids per "already stored?" query: one query per insert. The list travels in the statement's
 * text (a server's request body, not its URL), about 37 bytes an id.
 */
const CHECK_CHUNK = 50_000;

interface Waiting {
  facts: EncodedFacts;
  settle: (error?: Error) => void;
}

/** Which of a job's facts go into the insert: all of them (null), or those marked 1. */
type Fresh = Uint8Array | null;

/**
 * Writes fact rows, serialised by the enricher, to ClickHouse, gathering the rows of every job
 * that arrives within a second into one insert. Each `write` resolves once its rows are stored,
 * so the job that carried them completes only then; an insert that fails rejects every write in
 * it and Bull retries them.
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

  write(facts: EncodedFacts): Promise<void> {
    if (facts.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ facts, settle: (error) => (error ? reject(error) : resolve()) });
      this.rows += facts.length;
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
      const jobs = batch.map((w) => w.facts);
      const fresh = await this.notStored(jobs);
      // A job whose facts are all new goes in as it is: its text is its rows, one a line.
      const lines: string[] = [];
      const tally = new FactTally();
      jobs.forEach((job, j) => {
        const keep = fresh[j]!;
        if (keep === null) {
          lines.push(job.text);
          tally.merge(job.tally);
          return;
        }
        for (let i = 0; i < job.length; i++) {
          if (keep[i] === 0) continue;
          const line = job.line(i);
          lines.push(line);
          // Rare (a retried job, a fact delivered twice): its metrics are read from its row.
          tally.addRow(JSON.parse(line) as AnalyticsFactRow);
        }
      });
      if (lines.length > 0) {
        await bulkInsert(this.clickhouse, {
          table: AnalyticsTables.Facts,
          format: 'JSONEachRow',
          body: Buffer.from(lines.join('')),
        });
        this.metrics.record(tally);
      }
      for (const w of batch) w.settle();
    } catch (error) {
      for (const w of batch) w.settle(error as Error);
    }
  }

  /**
   * For each job, the facts that are neither stored yet nor again later in the batch (of two
   * deliveries of a fact in one batch, the last one is written).
   */
  private async notStored(jobs: EncodedFacts[]): Promise<Fresh[]> {
    const total = jobs.reduce((n, job) => n + job.length, 0);
    const candidateJob = new Uint32Array(total);
    const candidateFact = new Uint32Array(total);
    let candidates = 0;
    const fresh: Fresh[] = jobs.map(() => null);
    const seen = new Set<string>();
    for (let j = jobs.length - 1; j >= 0; j--) {
      const job = jobs[j]!;
      for (let i = job.length - 1; i >= 0; i--) {
        const key = storedKey(job.type(i), job.id(i));
        if (seen.has(key)) {
          (fresh[j] ??= new Uint8Array(job.length).fill(1))[i] = 0;
          continue;
        }
        seen.add(key);
        candidateJob[candidates] = j;
        candidateFact[candidates++] = i;
      }
    }
    for (let c = 0; c < candidates; c += CHECK_CHUNK) {
      const end = Math.min(candidates, c + CHECK_CHUNK);
      const stored = await this.storedKeys(jobs, candidateJob, candidateFact, c, end);
      if (stored.size === 0) continue;
      for (let k = c; k < end; k++) {
        const j = candidateJob[k]!;
        const i = candidateFact[k]!;
        if (stored.has(storedKey(jobs[j]!.type(i), jobs[j]!.id(i))))
          (fresh[j] ??= new Uint8Array(jobs[j]!.length).fill(1))[i] = 0;
      }
    }
    return fresh;
  }

  private async storedKeys(
    jobs: EncodedFacts[],
    candidateJob: Uint32Array,
    candidateFact: Uint32Array,
    from: number,
    to: number,
  ): Promise<Set<string>> {
    let min = Infinity;
    let max = -Infinity;
    const workspaces = new Set<string>();
    const ids = new Set<string>();
    for (let k = from; k < to; k++) {
      const job = jobs[candidateJob[k]!]!;
      const i = candidateFact[k]!;
      const at = job.at[i]!;
      if (at < min) min = at;
      if (at > max) max = at;
      workspaces.add(job.workspaceId(i));
      ids.add(job.id(i));
    }
    return storedFactKeys(this.clickhouse, {
      workspaceIds: workspaces,
      fromMs: min,
      toMs: max,
      eventIds: ids,
    });
  }

  /** Before the client closes: what is gathered is written, not left to a retry. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
