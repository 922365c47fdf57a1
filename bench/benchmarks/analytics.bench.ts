import type { ClickHouseClient } from '@clickhouse/client';
import { getQueueToken } from '@nestjs/bull';
import type { INestApplication } from '@nestjs/common';
import type Bull from 'bull';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { QueryTypes, type Sequelize } from 'sequelize';
import { AnalyticsTables } from '@cxgenie/analytics';
import { CLICKHOUSE_CLIENT } from '@cxgenie/clickhouse';
import { type AnalyticsEventsJobData, type AnalyticsFact, QueueNames } from '@cxgenie/contracts';
import { bootService } from '@cxgenie/testing';
import { gatewayApiService } from '../../apps/gateway-api/src/gateway-api.service';
import { AnalyticsSchema } from '../../apps/gateway-api/src/core-modules/analytics/analytics-schema';
import { AnalyticsEventWriter } from '../../apps/gateway-api/src/core-modules/analytics/analytics-event-writer';
import { FactEnricher } from '../../apps/gateway-api/src/core-modules/analytics/enrichment/fact-enricher';
import { ANALYTICS_CONCURRENCY } from '../../apps/gateway-api/src/core-modules/analytics/jobs/analytics-events.worker';
import { type Benchmark, percentile, round } from '../benchmark';
import { openBenchDatabase } from '../datasets/bench-database';
import {
  AGENTS,
  BENCH_PG_WORKSPACE,
  BOTS,
  DATASET_END,
  EVENTS,
  PG_AGENT_QUERY,
  PG_VOLUME_QUERY,
  ensurePostgresEvents,
  generateClickHouseEvents,
} from '../datasets/analytics-dataset';

const API_RUNS = Number(process.env.BENCH_ANALYTICS_API_RUNS ?? 30);
const PG_RUNS = Number(process.env.BENCH_ANALYTICS_PG_RUNS ?? 5);
/** Facts sent through the whole pipeline (queue → enrichment → writer) for the ingest rate. */
const INGEST_FACTS = Number(process.env.BENCH_ANALYTICS_INGEST ?? 200_000);
const JOB_FACTS = 500;
/** `ingest` measures only the ingest rate (no 10 M datasets): for comparing writers quickly. */
const INGEST_ONLY = process.env.BENCH_ANALYTICS_PARTS === 'ingest';
const DATA_DIR = '.data/bench/analytics';

interface Ingest {
  perSecond: number;
  /** CPU µs per fact, see `cpuPerFact`. */
  cpuUs: number;
  /** Of which on the JavaScript thread, see `mainThreadCpuUs`. */
  mainThreadCpuUs: number;
}

const day = (offsetDays: number) =>
  new Date(Date.parse(`${DATASET_END}T00:00:00Z`) + offsetDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
const VOLUME_RANGE = { from: day(-90), to: DATASET_END };
const AGENT_RANGE = { from: day(-30), to: DATASET_END };

async function signUp(url: string): Promise<{ token: string; workspaceId: string }> {
  const res = await fetch(`${url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `analytics-bench-${randomBytes(4).toString('hex')}@cxgenie.local`,
      password: 'analytics bench password',
      name: 'Analytics bench',
      workspaceName: 'Analytics bench',
    }),
  });
  const body = (await res.json()) as { accessToken: string; workspaceId: string };
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(body)}`);
  return { token: body.accessToken, workspaceId: body.workspaceId };
}

async function timed<T>(runs: number, call: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await call();
    ms.push(performance.now() - t0);
  }
  return { ms: ms.sort((a, b) => a - b), last: last! };
}

const apiGet = async <T>(url: string, token: string): Promise<T> => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

/** A moment of a busy workspace: messages both ways, answers, a rating, model usage. */
export function ingestFacts(workspaceId: string, count: number): AnalyticsFact[] {
  const at = '2026-11-20T12:00:00.000Z';
  const bots = Array.from({ length: BOTS }, () => randomUUID());
  return Array.from({ length: count }, (_, i): AnalyticsFact => {
    const base = {
      id: randomUUID(),
      workspaceId,
      occurredAt: at,
      conversationId: randomUUID(),
      botId: bots[i % BOTS]!,
      channelType: 'web' as const,
    };
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        return { ...base, type: 'message.received', text: 'Where is my order? It is late again.' };
      case 4:
      case 5:
      case 6:
        return {
          ...base,
          type: 'message.answered',
          replyToMessageId: base.id,
          outcome: 'answered',
          haveEnoughInformation: true,
          provider: 'openai',
          model: 'gpt-4o-mini',
          waitedMs: 120,
          chars: 240,
        };
      case 7:
        return { ...base, type: 'message.sent', agentId: randomUUID(), chars: 80 };
      case 8:
        return { ...base, type: 'csat.submitted', rating: 5 };
      default:
        return {
          ...base,
          type: 'llm.usage',
          provider: 'openai',
          model: 'gpt-4o-mini',
          purpose: 'answer',
          promptTokens: 1_200,
          completionTokens: 180,
          latencyMs: 900,
        };
    }
  });
}

async function countFacts(clickhouse: ClickHouseClient, workspaceId: string): Promise<number> {
  const result = await clickhouse.query({
    query: `SELECT toUInt64(count()) AS n FROM ${AnalyticsTables.Facts} WHERE workspace_id = {w:String}`,
    query_params: { w: workspaceId },
    format: 'JSONEachRow',
  });
  return Number(((await result.json()) as { n: number | string }[])[0]?.n ?? 0);
}

/**
 * Facts per second through the whole pipeline, end to end: jobs of 500 facts put on the
 * `analytics.events` queue (as publishers do), taken by the worker, enriched (workspace, names,
 * zone, sentiment, cost) and inserted; the clock stops when ClickHouse holds every fact.
 */
async function measureIngest(
  app: INestApplication,
  url: string,
  clickhouse: ClickHouseClient,
): Promise<Ingest> {
  console.log(`  ingesting ${INGEST_FACTS.toLocaleString('en')} facts through the queue`);
  const busy = await signUp(url);
  const facts = ingestFacts(busy.workspaceId, INGEST_FACTS);
  const queue = app.get<Bull.Queue<AnalyticsEventsJobData>>(
    getQueueToken(QueueNames.AnalyticsEvents),
  );
  const jobs = [];
  for (let i = 0; i < facts.length; i += JOB_FACTS)
    jobs.push({ data: { events: facts.slice(i, i + JOB_FACTS), traceId: 'bench' } });
  const ingestStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  const mainStarted = mainThreadCpuUs();
  for (let i = 0; i < jobs.length; i += 100) await queue.addBulk(jobs.slice(i, i + 100));
  while ((await countFacts(clickhouse, busy.workspaceId)) < INGEST_FACTS) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const ingestSeconds = (performance.now() - ingestStarted) / 1000;
  return {
    perSecond: Math.round(INGEST_FACTS / ingestSeconds),
    cpuUs: cpuPerFact(cpuStarted),
    mainThreadCpuUs: mainThreadPerFact(mainStarted),
  };
}

/**
 * CPU µs the JavaScript thread has used (Bull, enrichment, serialisation, the writer, the
 * collector's own share; not chdb's threads, V8's helper threads or libuv's pool), from /proc
 * (Linux, 10 ms ticks); NaN elsewhere. The thread every fact passes through one at a time: its
 * µs per fact bound the rate whatever the other core does.
 */
function mainThreadCpuUs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
  } catch {
    return NaN;
  }
}

const mainThreadPerFact = (since: number) => round((mainThreadCpuUs() - since) / INGEST_FACTS, 1);

/**
 * CPU of this process (every thread: the producer, Bull, the worker, enrichment, the writer and
 * the embedded ClickHouse engine; not PostgreSQL or Redis) per fact, in µs: unlike a rate, it
 * barely moves when the machine is shared.
 */
function cpuPerFact(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return round((used.user + used.system) / INGEST_FACTS, 1);
}

/**
 * The same facts without the queue: enriched and written by the worker's own parts, as many
 * jobs' worth at once as the worker runs. The gap to `ingest_events_per_s` is Bull's share.
 */
async function measureWriter(
  app: INestApplication,
  url: string,
  clickhouse: ClickHouseClient,
): Promise<Ingest> {
  const busy = await signUp(url);
  const facts = ingestFacts(busy.workspaceId, INGEST_FACTS);
  const enricher = app.get(FactEnricher);
  const writer = app.get(AnalyticsEventWriter);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const mainStarted = mainThreadCpuUs();
  let next = 0;
  const lane = async () => {
    while (next < facts.length) {
      const batch = facts.slice(next, (next += JOB_FACTS));
      await writer.write(await enricher.encode(batch));
    }
  };
  await Promise.all(Array.from({ length: ANALYTICS_CONCURRENCY }, lane));
  const seconds = (performance.now() - started) / 1000;
  if ((await countFacts(clickhouse, busy.workspaceId)) !== INGEST_FACTS)
    throw new Error('the writer did not store every fact');
  return {
    perSecond: Math.round(INGEST_FACTS / seconds),
    cpuUs: cpuPerFact(cpuStarted),
    mainThreadCpuUs: mainThreadPerFact(mainStarted),
  };
}

const ingestMetrics = (ingest: Ingest, writerOnly: Ingest) => ({
  ingest_events_per_s: ingest.perSecond,
  ingest_cpu_us_per_event: ingest.cpuUs,
  ingest_main_thread_cpu_us_per_event: ingest.mainThreadCpuUs,
  ingest_writer_only_events_per_s: writerOnly.perSecond,
  ingest_writer_only_cpu_us_per_event: writerOnly.cpuUs,
  ingest_writer_only_main_thread_cpu_us_per_event: writerOnly.mainThreadCpuUs,
});

async function ingestOnly(): Promise<Record<string, number>> {
  const db = await openBenchDatabase();
  rmSync(`${DATA_DIR}/clickhouse`, { recursive: true, force: true });
  const gateway = await bootService(gatewayApiService, {
    DATABASE_URL: db.url,
    DATA_DIR,
    LOG_LEVEL: 'warn',
    ANALYTICS_RAW_TTL_DAYS: '0',
  });
  try {
    const clickhouse = gateway.app.get<ClickHouseClient>(CLICKHOUSE_CLIENT);
    await gateway.app.get(AnalyticsSchema).ready();
    return {
      ...ingestMetrics(
        await measureIngest(gateway.app, gateway.url, clickhouse),
        await measureWriter(gateway.app, gateway.url, clickhouse),
      ),
    };
  } finally {
    await gateway.close();
    await db.sequelize.close();
  }
}

async function postgresTimes(sequelize: Sequelize) {
  const volume = (range: { from: string; to: string }) =>
    sequelize.query<{ day: Date; bot_id: string; customer_messages: string }>(PG_VOLUME_QUERY, {
      replacements: { workspaceId: BENCH_PG_WORKSPACE, ...range },
      type: QueryTypes.SELECT,
    });
  const agents = (range: { from: string; to: string }) =>
    sequelize.query<{ agent_id: string; assigned: string }>(PG_AGENT_QUERY, {
      replacements: { workspaceId: BENCH_PG_WORKSPACE, ...range },
      type: QueryTypes.SELECT,
    });
  await volume(VOLUME_RANGE);
  await agents(AGENT_RANGE);
  return {
    volume: await timed(PG_RUNS, () => volume(VOLUME_RANGE)),
    agents: await timed(PG_RUNS, () => agents(AGENT_RANGE)),
  };
}

/**
 * The dashboards' two heaviest questions over 10 M events of one workspace (90 days, 20 bots,
 * 100 agents): daily messages by bot over 90 days and the Agent Performance dashboard over 30,
 * each through the reports API (ClickHouse pre-aggregations, report cache off) and as SQL over an
 * equivalent PostgreSQL table with covering indexes, in one run; plus how fast facts are stored.
 */
export const analytics: Benchmark = {
  name: 'analytics',
  description: `${EVENTS.toLocaleString('en')} events, ${BOTS} bots, ${AGENTS} agents: reports API over ClickHouse vs PostgreSQL SQL (${API_RUNS} and ${PG_RUNS} runs), ingest`,
  async run(): Promise<Record<string, number>> {
    if (INGEST_ONLY) return ingestOnly();
    const db = await openBenchDatabase();
    const ids = await ensurePostgresEvents(db.sequelize, (line) => console.log(`  ${line}`));
    // The embedded store starts empty every run: its load is measured too.
    rmSync(`${DATA_DIR}/clickhouse`, { recursive: true, force: true });
    const gateway = await bootService(gatewayApiService, {
      DATABASE_URL: db.url,
      DATA_DIR,
      LOG_LEVEL: 'warn',
      ANALYTICS_CACHE_TTL_S: '0',
      ANALYTICS_RAW_TTL_DAYS: '0',
    });
    try {
      const clickhouse = gateway.app.get<ClickHouseClient>(CLICKHOUSE_CLIENT);
      await gateway.app.get(AnalyticsSchema).ready();
      const owner = await signUp(gateway.url);

      console.log(`  loading ${EVENTS.toLocaleString('en')} events into ClickHouse`);
      const loadStarted = performance.now();
      await generateClickHouseEvents(clickhouse, owner.workspaceId, ids);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      if ((await countFacts(clickhouse, owner.workspaceId)) !== EVENTS)
        throw new Error('ClickHouse does not hold every event');

      const ingest = await measureIngest(gateway.app, gateway.url, clickhouse);
      const writerOnly = await measureWriter(gateway.app, gateway.url, clickhouse);

      const base = `${gateway.url}/api/v1/analytics`;
      const volumeUrl = `${base}/messages?from=${VOLUME_RANGE.from}&to=${VOLUME_RANGE.to}&bucket=day&groupBy=bot`;
      const agentUrl = `${base}/agents?from=${AGENT_RANGE.from}&to=${AGENT_RANGE.to}`;
      type Volume = { rows: { bucket: string; key: string; customerMessages: number }[] };
      type Agents = { agents: { agentId: string; ticketsAssigned: number }[] };
      for (let i = 0; i < 3; i++) {
        await apiGet(volumeUrl, owner.token);
        await apiGet(agentUrl, owner.token);
      }
      const chVolume = await timed(API_RUNS, () => apiGet<Volume>(volumeUrl, owner.token));
      const chAgents = await timed(API_RUNS, () => apiGet<Agents>(agentUrl, owner.token));

      console.log('  the same questions of PostgreSQL');
      const pg = await postgresTimes(db.sequelize);

      // Both stores answered the same question: the same counts, bot by bot and day by day.
      const pgVolume = new Map(
        pg.volume.last.map((r) => [
          `${new Date(r.day).toISOString().slice(0, 10)}|${r.bot_id}`,
          Number(r.customer_messages),
        ]),
      );
      const chVolumeRows = chVolume.last.rows;
      if (
        chVolumeRows.length !== pgVolume.size ||
        chVolumeRows.some((r) => pgVolume.get(`${r.bucket}|${r.key}`) !== r.customerMessages)
      )
        throw new Error('ClickHouse and PostgreSQL disagree on the daily message counts');
      const pgAssigned = new Map(pg.agents.last.map((r) => [r.agent_id, Number(r.assigned)]));
      if (chAgents.last.agents.some((a) => pgAssigned.get(a.agentId) !== a.ticketsAssigned))
        throw new Error('ClickHouse and PostgreSQL disagree on the agents’ assignments');

      const p50 = (ms: number[]) => round(percentile(ms, 50));
      return {
        events: EVENTS,
        clickhouse_p50_ms_volume: p50(chVolume.ms),
        clickhouse_p95_ms_volume: round(percentile(chVolume.ms, 95)),
        clickhouse_p50_ms_agent_perf: p50(chAgents.ms),
        clickhouse_p95_ms_agent_perf: round(percentile(chAgents.ms, 95)),
        postgres_p50_ms_volume: p50(pg.volume.ms),
        postgres_p50_ms_agent_perf: p50(pg.agents.ms),
        speedup_volume: round(p50(pg.volume.ms) / p50(chVolume.ms), 1),
        speedup_agent_perf: round(p50(pg.agents.ms) / p50(chAgents.ms), 1),
        ...ingestMetrics(ingest, writerOnly),
        bulk_load_events_per_s: Math.round(EVENTS / loadSeconds),
      };
    } finally {
      await gateway.close();
      await db.sequelize.close();
    }
  },
};
