import { randomBytes, randomUUID } from 'node:crypto';
import {
  type FlagChangedPayload,
  type FlagDefinition,
  Flags,
  ServerEvents,
  SocketNamespaces,
} from '@cxgenie/contracts';
import { type FlagsClient, connectFlagsClient } from '@cxgenie/flags';
import {
  ApiClient,
  FakeLaunchDarkly,
  type RecordingSocket,
  type SpawnedService,
  connectSocket,
  spawnService,
  testEnv,
} from '@cxgenie/testing';
import { type Benchmark, percentile, round } from '../benchmark';
import { openBenchDatabase } from '../datasets/bench-database';
import { deleteKeys } from '../redis-keys';

const WORKSPACES = 100;
const FLAGS = 20;
/** In-process clients standing for service instances (gateway-api × 2, core-ai × 2). */
const INSTANCES = 4;
const MIX_EVALUATIONS = 200_000;
/** Flag changes spread through the mix, as product teams would make them during the day. */
const MIX_CHANGES = 10;
const THROUGHPUT_RUNS = 5;
const THROUGHPUT_EVALUATIONS = 1_000_000;
const LATENCY_SAMPLES = 200_000;
const SOCKETS = 20;
const CHANGES = 40;
const CHANGE_SPACING_MS = 250;

const benchFlagKey = (i: number) => `bench-flag-${String(i).padStart(2, '0')}`;

/** Bench flags the code does not declare: any value is accepted, the default is false. */
const benchFlags: FlagDefinition[] = Array.from({ length: FLAGS }, (_, i) => ({
  key: benchFlagKey(i),
  description: 'benchmark flag',
  defaultValue: false,
  accepts: (_value: unknown): _value is boolean => true,
}));

/** Zipf(1) over n items: a few workspaces are busy, most are quiet, as in any SaaS. */
function zipfSampler(n: number): () => number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  return () => {
    const r = Math.random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function setBenchFlags(launchDarkly: FakeLaunchDarkly, workspaces: string[], round: number): void {
  for (let i = 0; i < FLAGS; i++) {
    launchDarkly.setFlag(benchFlagKey(i), {
      variations: [false, true, `variant-${round}`],
      fallthrough: (i + round) % 3,
      // Every flag targets a tenth of the workspaces, as a gradual rollout would.
      rules: [
        {
          contextKind: 'workspace',
          values: workspaces.filter((_, w) => w % 10 === i % 10),
          variation: 1,
        },
      ],
    });
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The in-process flags client: evaluations per second and their p99 when served from its memory,
 * the cache hit ratio over a day-like mix (Zipf over 100 workspaces × 20 flags, 4 service
 * instances, flag changes during the mix), and how long a change takes to reach every subscribed
 * agent socket (through gateway-api's Socket.IO) and every service instance. LaunchDarkly is the
 * wire-level fake, the flags service and gateway-api run as their own processes.
 */
export const flags: Benchmark = {
  name: 'flags',
  description: `flags client: ${THROUGHPUT_RUNS}×${THROUGHPUT_EVALUATIONS} cached evaluations, hit ratio over ${MIX_EVALUATIONS} (${WORKSPACES} workspaces × ${FLAGS} flags, ${INSTANCES} instances), ${CHANGES} changes to ${SOCKETS} sockets + ${INSTANCES} instances`,
  async run() {
    const prefix = `bench-flags-${randomBytes(4).toString('hex')}`;
    const redisUrl = testEnv().REDIS_URL;
    const workspaces = Array.from({ length: WORKSPACES }, () => randomUUID());
    const launchDarkly = await FakeLaunchDarkly.start();
    setBenchFlags(launchDarkly, workspaces, 0);
    launchDarkly.setFlag(Flags.paragraphFlushMs.key, { variations: [200, 150], fallthrough: 0 });
    const db = await openBenchDatabase();
    await db.sequelize.close();
    const spawned: SpawnedService[] = [];
    const clients: FlagsClient[] = [];
    const sockets: RecordingSocket[] = [];
    const newClient = (name: string) => {
      const client = connectFlagsClient({
        redisUrl,
        flagsUrl: spawned[0]!.url,
        prefix,
        connectionName: `bench:flags:${name}`,
        timeoutMs: 2_000,
        serviceToken: testEnv().SERVICE_TOKEN,
      });
      clients.push(client);
      return client;
    };
    try {
      spawned.push(
        await spawnService('flags', {
          ...launchDarkly.env(),
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'warn',
        }),
      );
      spawned.push(
        await spawnService('gateway-api', {
          DATABASE_URL: db.url,
          QUEUE_PREFIX: prefix,
          QUEUE_WORKERS: 'false',
          LOG_LEVEL: 'warn',
          FLAGS_URL: spawned[0]!.url,
        }),
      );
      const gatewayUrl = spawned[1]!.url;

      // 1. Cache hit ratio over a realistic mix, from a cold cache.
      const instances = Array.from({ length: INSTANCES }, (_, i) => newClient(`mix-${i}`));
      await Promise.all(instances.map((c) => c.whenSubscribed()));
      const pickWorkspace = zipfSampler(WORKSPACES);
      for (let i = 0; i < MIX_EVALUATIONS; i++) {
        if (i > 0 && i % (MIX_EVALUATIONS / MIX_CHANGES) === 0) {
          setBenchFlags(launchDarkly, workspaces, i);
        }
        const instance = instances[Math.floor(Math.random() * INSTANCES)]!;
        const flag = benchFlags[Math.floor(Math.random() * FLAGS)]!;
        await instance.evaluate(flag, { workspaceId: workspaces[pickWorkspace()]! });
      }
      const sum = (f: (c: FlagsClient) => number) => instances.reduce((s, c) => s + f(c), 0);
      const total = sum((c) => c.stats.total());
      const fromMemory = sum((c) => c.stats.total('memory'));
      const fromRedis = sum((c) => c.stats.total('redis'));
      const serviceCalls = sum((c) => c.stats.total('service'));

      // 2. Throughput and latency of cached evaluations (one process, one core).
      const hot = newClient('throughput');
      await hot.whenSubscribed();
      const pairs = workspaces.flatMap((workspaceId) =>
        benchFlags.map((flag) => ({ flag, context: { workspaceId } })),
      );
      for (const { flag, context } of pairs) await hot.evaluate(flag, context);
      for (const { flag, context } of pairs) await hot.evaluate(flag, context);
      const rates: number[] = [];
      for (let run = 0; run < THROUGHPUT_RUNS; run++) {
        const started = performance.now();
        for (let i = 0; i < THROUGHPUT_EVALUATIONS; i++) {
          const { flag, context } = pairs[i % pairs.length]!;
          await hot.evaluate(flag, context);
        }
        rates.push(THROUGHPUT_EVALUATIONS / ((performance.now() - started) / 1000));
      }
      const latenciesUs: number[] = new Array(LATENCY_SAMPLES);
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const { flag, context } = pairs[i % pairs.length]!;
        const started = process.hrtime.bigint();
        await hot.evaluate(flag, context);
        latenciesUs[i] = Number(process.hrtime.bigint() - started) / 1000;
      }
      latenciesUs.sort((a, b) => a - b);
      const hotHits = hot.stats.total('memory') / hot.stats.total();

      // 3. A change, to every subscribed socket and every service instance.
      const owners = await Promise.all(
        Array.from({ length: SOCKETS }, () => ApiClient.signUp(gatewayUrl)),
      );
      const received: { value: unknown; at: number }[][] = owners.map(() => []);
      for (const [i, owner] of owners.entries()) {
        // Loading the dashboard's flags makes the member's context one the flags service pushes to.
        await owner.get('/api/v1/flags');
        const socket = await connectSocket(gatewayUrl, SocketNamespaces.Agent, {
          token: owner.session!.accessToken,
        });
        socket.socket.on(ServerEvents.FlagChanged, (p: FlagChangedPayload) => {
          if (p.flagKey === Flags.paragraphFlushMs.key)
            received[i]!.push({ value: p.value, at: performance.now() });
        });
        sockets.push(socket);
      }
      const services = Array.from({ length: INSTANCES }, (_, i) => newClient(`service-${i}`));
      await Promise.all(services.map((c) => c.whenSubscribed()));
      const serviceContext = { workspaceId: workspaces[0]!, botId: randomUUID() };
      for (const service of services) await service.get(Flags.paragraphFlushMs, serviceContext);
      const seenByServices: { value: number; at: number }[][] = services.map(() => []);
      services.forEach((service, i) =>
        service.onChange(() => {
          void service.get(Flags.paragraphFlushMs, serviceContext).then((value) => {
            seenByServices[i]!.push({ value, at: performance.now() });
          });
        }),
      );
      const visibleMs: number[] = [];
      let missed = 0;
      for (let change = 1; change <= CHANGES; change++) {
        const expected = change % 2 === 1 ? 150 : 200;
        const started = performance.now();
        launchDarkly.setFlag(Flags.paragraphFlushMs.key, {
          variations: [200, 150],
          fallthrough: expected === 150 ? 1 : 0,
        });
        await new Promise((resolve) => setTimeout(resolve, CHANGE_SPACING_MS));
        const firstSeen = (log: { value: unknown; at: number }[]) =>
          log.find((e) => e.value === expected && e.at >= started)?.at;
        const times = [...received, ...seenByServices].map(firstSeen);
        if (times.some((t) => t === undefined)) {
          missed += 1;
          continue;
        }
        visibleMs.push(Math.max(...(times as number[])) - started);
      }
      visibleMs.sort((a, b) => a - b);

      return {
        evaluations_per_s: Math.round(median(rates)),
        evaluations_per_s_min: Math.round(Math.min(...rates)),
        evaluations_per_s_max: Math.round(Math.max(...rates)),
        p50_us: round(percentile(latenciesUs, 50), 2),
        p99_us: round(percentile(latenciesUs, 99), 2),
        throughput_memory_hit_ratio: round(hotHits, 4),
        cache_hit_ratio: round((fromMemory + fromRedis) / total, 4),
        cache_hits_from_redis_share: round(fromRedis / total, 4),
        flags_service_calls: serviceCalls,
        launchdarkly_calls_saved: fromMemory + fromRedis,
        change_visible_p50_ms: round(percentile(visibleMs, 50), 1),
        change_visible_p99_ms: round(percentile(visibleMs, 99), 1),
        change_visible_max_ms: round(visibleMs[visibleMs.length - 1] ?? Number.NaN, 1),
        changes_not_seen_everywhere: missed,
        sockets: SOCKETS,
        service_instances: INSTANCES,
      };
    } finally {
      for (const socket of sockets) socket.socket.close();
      await Promise.all(clients.map((c) => c.close()));
      for (const service of spawned.reverse()) await service.kill();
      await launchDarkly.close();
      await deleteKeys(redisUrl, `${prefix}:*`);
    }
  },
};
