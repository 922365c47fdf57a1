import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import * as lancedb from '@lancedb/lancedb';
import { Redis } from 'ioredis';
import { QueryTypes, type Sequelize } from 'sequelize';
import {
  KNOWLEDGE_PARTITIONS,
  type KnowledgePartition,
  SERVICE_TOKEN_HEADER,
} from '@cxgenie/contracts';
import { LocalEmbeddingProvider, spaceKey } from '@cxgenie/embeddings';
import { TEST_SERVICE_TOKEN, type SpawnedService, spawnService } from '@cxgenie/testing';
import { LanceDbVectorStore, type VectorRecord } from '@cxgenie/vector-store';
import { type Benchmark, percentile, round } from '../benchmark';
import { openBenchDatabase } from '../datasets/bench-database';
import { SUPPORT_ANSWERS } from '../datasets/support-answers';
import { startCpuAccount } from '../process-cpu';

/*
 * Many tenants in one vector store, searched through core-ai's real `POST /v1/search` (a process
 * of its own): does a bot's search cost depend on the bot or on the store? 200 bots from 10 to
 * BENCH_TENANTS_LARGEST chunks (default 50,000) in 20 workspaces, most of them seeded before
 * core-ai starts, 20 written while it runs (as the loader writes: another process, each write
 * announced on the knowledge-change channel), then core-ai restarts (the 10,000-chunk bot was
 * searched before, so it is among the bots warmed at start) and searches a 10-chunk bot and the
 * 10,000-chunk bot. The same two bots are then measured alone in a store of their own.
 */

const DIMENSIONS = 1024; // LOCAL_EMBEDDING_DIMENSIONS' default: what a no-key deployment stores
const LARGEST = Number(process.env.BENCH_TENANTS_LARGEST ?? 50_000);
const SEARCHES = Number(process.env.BENCH_TENANTS_SEARCHES ?? 300);
const WARMUP = 30;
const WORKSPACES = 20;
const POOL = 4_000;
/** Seeded once and reused (hard-linked) by every run; delete it to reseed. */
const BASE_DIR = resolve(
  process.env.BENCH_TENANTS_BASE_DIR ??
    join(__dirname, '..', '..', '.data', 'bench', `retrieval-tenants-${LARGEST}`),
);
const RUN_DIR = resolve(join(__dirname, '..', '..', '.data', 'bench', 'retrieval-tenants-run'));
const PREFIX = 'bench-tenants';

/** libs/bootstrap's knowledgeChangesChannel for an embedded store at `dataDir`. */
const storeChannel = (dataDir: string) =>
  `cxgenie:knowledge-changed:${createHash('sha1')
    .update(`lancedb:${resolve(dataDir)}`)
    .digest('hex')
    .slice(0, 16)}`;

const uuid = (kind: number, n: number) =>
  `00000000-0000-4000-${String(8000 + kind)}-${String(n).padStart(12, '0')}`;

interface Tenant {
  workspaceId: string;
  botId: string;
  chunks: number;
  /** Written while core-ai runs, not before. */
  late: boolean;
}

const SMALL = 0;
const LARGE = 1;

/** 200 bots: the two measured ones, one very large, a long tail of small ones. */
function tenants(): Tenant[] {
  const sizes: number[] = [10, 10_000, LARGEST, 20_000];
  for (let i = 0; i < 6; i += 1) sizes.push(2_000);
  for (let i = 0; i < 20; i += 1) sizes.push(500);
  for (let i = 0; i < 60; i += 1) sizes.push(100);
  while (sizes.length < 200) sizes.push(10 + ((sizes.length * 37) % 90));
  return sizes.map((chunks, n) => ({
    workspaceId: uuid(1, n % WORKSPACES),
    botId: uuid(2, n),
    chunks,
    // 20 of the 100-chunk bots, in workspaces other than the measured bots'.
    late: chunks === 100 && n % WORKSPACES > 1 && n % 3 === 0,
  }));
}

const sentences = SUPPORT_ANSWERS.flatMap((a) => a.text.split(/(?<=[.!?])\s+/)).filter(
  (s) => s.length > 20,
);
const chunkText = (i: number): string => {
  const parts: string[] = [];
  for (let k = 0; k < 8; k += 1) parts.push(sentences[(i * 7 + k * 13) % sentences.length]!);
  return `Article ${i}. ${parts.join(' ')}`;
};
const QUERIES = sentences.slice(0, 50).map((s) => s.split(' ').slice(0, 8).join(' '));

const SHARE: [KnowledgePartition, number][] = [
  ['documents', 0.6],
  ['websites', 0.9],
  ['faqs', 0.95],
  ['snippets', 1],
];

function recordsOf(tenant: Tenant, n: number, pool: number[][]): VectorRecord[] {
  const now = Date.UTC(2026, 0, 1);
  return Array.from({ length: tenant.chunks }, (_, i) => {
    const text = (i * 7 + n * 131) % POOL;
    const share = i / tenant.chunks;
    const partition = SHARE.find(([, upTo]) => share < upTo)?.[0] ?? 'documents';
    return {
      id: `t${n}:${i}`,
      workspaceId: tenant.workspaceId,
      botId: tenant.botId,
      partition,
      sourceId: `t${n}-source-${Math.floor(i / 50)}`,
      documentId: null,
      chunkHash: `t${n}h${i}`,
      title: `Article ${text}`,
      headingPath: '',
      position: i % 50,
      text: chunkText(text),
      tokenCount: 200,
      createdAt: now - (i % 400) * 86_400_000,
      updatedAt: now - (i % 400) * 86_400_000,
      vector: pool[text]!,
    };
  });
}

/** Many bots' records per write, as a busy loader's batches land. */
async function write(
  store: LanceDbVectorStore,
  space: { model: string; dimensions: number },
  records: VectorRecord[],
) {
  for (let start = 0; start < records.length; start += 5_000)
    await store.upsert(space, records.slice(start, start + 5_000));
}

async function seedBase(
  all: Tenant[],
  embedder: LocalEmbeddingProvider,
  pool: () => Promise<number[][]>,
): Promise<void> {
  if (existsSync(join(BASE_DIR, 'complete'))) return;
  rmSync(BASE_DIR, { recursive: true, force: true });
  const vectors = await pool();
  const seed = async (dir: string, chosen: Tenant[]) => {
    mkdirSync(dir, { recursive: true });
    const db = await lancedb.connect(dir);
    try {
      const store = new LanceDbVectorStore(db);
      let batch: VectorRecord[] = [];
      for (const tenant of chosen) {
        batch.push(...recordsOf(tenant, all.indexOf(tenant), vectors));
        if (batch.length >= 5_000) {
          await write(store, embedder.space, batch);
          console.log(`  ${dir.split('/').pop()}: ${all.indexOf(tenant) + 1} bots written`);
          batch = [];
        }
      }
      await write(store, embedder.space, batch);
    } finally {
      db.close();
    }
  };
  const started = Date.now();
  await seed(
    join(BASE_DIR, 'many', 'lancedb'),
    all.filter((t) => !t.late),
  );
  await seed(join(BASE_DIR, 'small-alone', 'lancedb'), [all[SMALL]!]);
  await seed(join(BASE_DIR, 'large-alone', 'lancedb'), [all[LARGE]!]);
  writeFileSync(join(BASE_DIR, 'complete'), `${Date.now() - started} ms\n`);
  console.log(`  seeded in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function seedBots(sequelize: Sequelize, all: Tenant[]): Promise<void> {
  for (let w = 0; w < WORKSPACES; w += 1)
    await sequelize.query(
      `INSERT INTO workspaces (id, name, slug) VALUES (:id, :name, :slug) ON CONFLICT DO NOTHING`,
      {
        replacements: {
          id: uuid(1, w),
          name: `bench: retrieval tenants ${w}`,
          slug: `bench-retrieval-tenants-${w}`,
        },
      },
    );
  for (const [n, tenant] of all.entries())
    await sequelize.query(
      `INSERT INTO bots (id, workspace_id, name, public_key)
       VALUES (:id, :workspaceId, :name, :key) ON CONFLICT DO NOTHING`,
      {
        replacements: {
          id: tenant.botId,
          workspaceId: tenant.workspaceId,
          name: `Tenant bot ${n} (${tenant.chunks} chunks)`,
          key: `pk_bench_tenants_${n}`,
        },
      },
    );
}

/** A fresh working copy of a seeded store: Lance files are immutable, so hard links do. */
function workingCopy(name: string): string {
  const dir = join(RUN_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  execFileSync('cp', ['-al', join(BASE_DIR, name), dir]);
  return dir;
}

async function search(url: string, tenant: Tenant, query: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/v1/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN },
    body: JSON.stringify({ workspaceId: tenant.workspaceId, botId: tenant.botId, query }),
  });
  const body = (await res.json()) as { chunks?: unknown[] };
  const ms = performance.now() - started;
  if (!res.ok || !Array.isArray(body.chunks) || (tenant.chunks >= 10 && body.chunks.length === 0))
    throw new Error(`search failed (${res.status}): ${JSON.stringify(body).slice(0, 300)}`);
  return ms;
}

interface Measured {
  p50: number;
  p99: number;
  cpuMsPerSearch: number;
  /** This process's own garbage-collection pauses that fell inside a timed search. */
  clientGcInSearches: number;
}

/*
 * The client's own scavenges were 5–17 ms here (it holds the seeded vectors and LanceDB, and
 * fetch leaves ~0.2 MB per search), one every ~60 searches: inside a timed search they are part
 * of the p99 but not core-ai's. Counted, so a run says how many of its slow samples were the
 * client's (ADR 0065). Forcing a minor collection before each search removed them but changed
 * the pacing: core-ai's CPU per search rose by 0.1–0.6 ms, so it is not done.
 */

/** Sequential searches of one bot (the query set cycled, warm), with core-ai's CPU per search. */
async function measure(coreAi: SpawnedService, tenant: Tenant): Promise<Measured> {
  for (let i = 0; i < WARMUP; i += 1)
    await search(coreAi.url, tenant, QUERIES[i % QUERIES.length]!);
  const timed: [number, number][] = [];
  const pauses: [number, number][] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push([e.startTime, e.startTime + e.duration]);
  });
  gc.observe({ entryTypes: ['gc'] });
  const cpu = startCpuAccount({ pids: { coreAi: coreAi.process.pid! }, commands: [] });
  const latencies: number[] = [];
  for (let i = 0; i < SEARCHES; i += 1) {
    const started = performance.now();
    latencies.push(await search(coreAi.url, tenant, QUERIES[i % QUERIES.length]!));
    timed.push([started, performance.now()]);
  }
  const used = cpu.stop();
  // Entries are delivered asynchronously: let the last ones arrive.
  await new Promise((resolve) => setImmediate(resolve));
  gc.disconnect();
  latencies.sort((a, b) => a - b);
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    cpuMsPerSearch: round(((used.coreAi ?? 0) * 1000) / SEARCHES),
    clientGcInSearches: pauses.filter(([from, to]) =>
      timed.some(([start, end]) => from < end && to > start),
    ).length,
  };
}

const startCoreAi = (databaseUrl: string, dataDir: string) =>
  spawnService(
    'core-ai',
    {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      QUEUE_PREFIX: PREFIX,
      LOCAL_EMBEDDING_DIMENSIONS: String(DIMENSIONS),
      LOG_LEVEL: 'warn',
      // Warming at start is a knob to compare (ADR 0064); unset: the service's default.
      ...(process.env.KNOWLEDGE_WARM_BOTS && {
        KNOWLEDGE_WARM_BOTS: process.env.KNOWLEDGE_WARM_BOTS,
      }),
    },
    120_000,
  );

export const retrievalTenants: Benchmark = {
  name: 'retrieval-tenants',
  description: `200 bots (10 … ${LARGEST} chunks, ${WORKSPACES} workspaces) in one LanceDB store, 20 written by another process while core-ai runs, then a core-ai restart; ${SEARCHES} sequential POST /v1/search per measured bot (10 and 10,000 chunks), and the same bots alone in a store`,
  async run() {
    const all = tenants();
    const embedder = new LocalEmbeddingProvider({ dimensions: DIMENSIONS });
    const pool = async () => {
      console.log(`  embedding ${POOL} chunk texts…`);
      const vectors: number[][] = [];
      for (let start = 0; start < POOL; start += 500)
        vectors.push(
          ...(await embedder.embed(
            Array.from({ length: Math.min(500, POOL - start) }, (_, i) => chunkText(start + i)),
          )),
        );
      return vectors;
    };
    await seedBase(all, embedder, pool);
    const { url: databaseUrl, sequelize } = await openBenchDatabase();
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:56379');
    try {
      await seedBots(sequelize, all);
      const [rows] = await sequelize.query<{ n: string }>(
        `SELECT count(*) AS n FROM bots WHERE id IN (:ids)`,
        { replacements: { ids: all.map((t) => t.botId) }, type: QueryTypes.SELECT },
      );
      if (Number(rows!.n) !== all.length) throw new Error('bots missing from the bench database');

      // Which bots core-ai warms at start comes from this run's searches only (ADR 0064): the
      // record core-ai keeps under its QUEUE_PREFIX (hot-bots.ts).
      await redis.del(`${PREFIX}:knowledge:hot-bots`);
      const many = workingCopy('many');
      let coreAi = await startCoreAi(databaseUrl, many);
      let duringWrites: number[] = [];
      try {
        // The loader's part: the late bots written by another process while core-ai serves, each
        // write announced as the services announce theirs, on the store's channel (spelled out
        // here, a plain PUBLISH, so this file also runs against code that does not listen).
        const vectors = await pool();
        const db = await lancedb.connect(join(many, 'lancedb'));
        const loader = new LanceDbVectorStore(db);
        const writing = (async () => {
          for (const tenant of all.filter((t) => t.late)) {
            await write(loader, embedder.space, recordsOf(tenant, all.indexOf(tenant), vectors));
            await redis.publish(
              storeChannel(join(many, 'lancedb')),
              JSON.stringify({ space: spaceKey(embedder.space), workspaceId: tenant.workspaceId }),
            );
          }
        })();
        let done = false;
        void writing.finally(() => (done = true));
        for (let i = 0; !done; i += 1)
          duringWrites.push(await search(coreAi.url, all[SMALL]!, QUERIES[i % QUERIES.length]!));
        await writing;
        db.close();
        const late = all.find((t) => t.late)!;
        await search(coreAi.url, late, QUERIES[0]!);
        // The large bot is one customers use: searched before the restart, so a core-ai that
        // warms the bots searched lately has it in memory at its first search after.
        await search(coreAi.url, all[LARGE]!, QUERIES[1]!);
      } finally {
        await coreAi.close();
      }
      duringWrites = duringWrites.sort((a, b) => a - b);

      // A restart: nothing in memory, the store as the other processes left it.
      const restartedAt = performance.now();
      coreAi = await startCoreAi(databaseUrl, many);
      const bootMs = performance.now() - restartedAt;
      let small: Measured;
      let large: Measured;
      let largeFirstMs: number;
      try {
        largeFirstMs = await search(coreAi.url, all[LARGE]!, QUERIES[0]!);
        small = await measure(coreAi, all[SMALL]!);
        large = await measure(coreAi, all[LARGE]!);
      } finally {
        await coreAi.close();
      }

      const alone = async (name: string, tenant: Tenant) => {
        const service = await startCoreAi(databaseUrl, workingCopy(name));
        try {
          return await measure(service, tenant);
        } finally {
          await service.close();
        }
      };
      const smallAlone = await alone('small-alone', all[SMALL]!);
      const largeAlone = await alone('large-alone', all[LARGE]!);

      const load = (await import('node:os')).loadavg();
      return {
        small_bot_p50_ms: small.p50,
        small_bot_p99_ms: small.p99,
        large_bot_p50_ms: large.p50,
        large_bot_p99_ms: large.p99,
        cpu_ms_per_search: small.cpuMsPerSearch,
        cpu_ms_per_search_large: large.cpuMsPerSearch,
        large_bot_first_search_ms: round(largeFirstMs),
        small_bot_p99_ms_during_writes: round(percentile(duringWrites, 99)),
        searches_during_writes: duringWrites.length,
        small_bot_p50_ms_1bot: smallAlone.p50,
        small_bot_p99_ms_1bot: smallAlone.p99,
        large_bot_p50_ms_1bot: largeAlone.p50,
        large_bot_p99_ms_1bot: largeAlone.p99,
        cpu_ms_per_search_1bot: smallAlone.cpuMsPerSearch,
        small_bot_client_gc_in_searches: small.clientGcInSearches,
        small_bot_client_gc_in_searches_1bot: smallAlone.clientGcInSearches,
        cpu_ms_per_search_large_1bot: largeAlone.cpuMsPerSearch,
        core_ai_boot_ms: round(bootMs),
        bots: all.length,
        chunks_in_store: all.reduce((sum, t) => sum + t.chunks, 0),
        largest_bot_chunks: LARGEST,
        partitions: KNOWLEDGE_PARTITIONS.length,
        load_avg_1m: round(load[0]!),
      };
    } finally {
      await redis.quit();
      await sequelize.close();
    }
  },
};
