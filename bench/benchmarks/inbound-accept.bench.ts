import { randomBytes } from 'node:crypto';
import { ApiClient, spawnService, testEnv } from '@cxgenie/testing';
import { type Benchmark, percentile, round } from '../benchmark';
import { openBenchDatabase, vacuumConversationTables } from '../datasets/bench-database';
import { deleteKeys } from '../redis-keys';

const RATE_PER_S = 200;
const DURATION_S = 10;
const VISITORS = 50;

/**
 * How fast a customer message is accepted (validated, sequenced, persisted, queued) under a steady
 * 200 requests/s, open loop: requests leave on schedule whether or not earlier ones have finished,
 * as a messaging platform's webhooks would. The gateway runs as its own process (no queue
 * workers), so the load generator does not share its event loop.
 */
export const inboundAccept: Benchmark = {
  name: 'inbound-accept',
  description: `POST /api/v1/widget/messages at ${RATE_PER_S}/s for ${DURATION_S} s from ${VISITORS} visitors`,
  async run() {
    const db = await openBenchDatabase();
    await vacuumConversationTables(db.sequelize);
    await db.sequelize.close();
    // No worker drains the queue here: its jobs are deleted with the prefix afterwards.
    const queuePrefix = `bench-accept-${randomBytes(4).toString('hex')}`;
    const gateway = await spawnService('gateway-api', {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'warn',
      QUEUE_WORKERS: 'false',
      QUEUE_PREFIX: queuePrefix,
    });
    try {
      const owner = await ApiClient.signUp(gateway.url);
      const botKey = (
        await owner.post<{ publicKey: string }>('/api/v1/bots', { name: 'accept bench' })
      ).body.publicKey;
      const visitors = await Promise.all(
        Array.from({ length: VISITORS }, async () => {
          const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
            '/api/v1/widget/sessions',
            { botKey },
          );
          return new ApiClient(gateway.url).withBearer(session.body.sessionToken);
        }),
      );
      // Warm-up, not measured: first requests pay for JIT compilation and cold connection pools.
      await Promise.all(
        visitors.map((v, i) => v.post('/api/v1/widget/messages', { text: `warm-up ${i}` })),
      );
      const latencies: number[] = [];
      let failures = 0;
      const total = RATE_PER_S * DURATION_S;
      const started = performance.now();
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / RATE_PER_S;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        inFlight.push(
          visitors[i % VISITORS]
            .post('/api/v1/widget/messages', { text: `message ${i}` })
            .then((res) => {
              latencies.push(performance.now() - due);
              if (res.status !== 202) failures += 1;
            }),
        );
      }
      await Promise.all(inFlight);
      const elapsedS = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return {
        requests: total,
        failures,
        requests_per_s: round(total / elapsedS, 1),
        p50_ms: round(percentile(latencies, 50)),
        p99_ms: round(percentile(latencies, 99)),
      };
    } finally {
      await gateway.kill('SIGTERM');
      await deleteKeys(testEnv().REDIS_URL, `${queuePrefix}:*`);
    }
  },
};
