import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Redis } from 'ioredis';
import {
  FAKE_TELEGRAM_BOT_TOKEN,
  TEST_REDIS_URL,
  spawnService,
  telegramUpdates,
} from '@cxgenie/testing';
import { seedPlatformChannel } from '../../apps/integration/src/channels.test-helpers';
import { type Benchmark, percentile, round } from '../benchmark';
import { openBenchDatabase } from '../datasets/bench-database';
import { startCpuAccount } from '../process-cpu';
import { deleteKeys } from '../redis-keys';

const RATE_PER_S = 500;
const DURATION_S = 10;
const CUSTOMERS = 200;
/** One request in ten re-sends an update already delivered, as platforms do when they retry. */
const DUPLICATE_EVERY = 10;
const WARM_UP_REQUESTS = 300;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** `true`: the same process also accepts the staged messages into PostgreSQL while it answers. */
const WITH_WORKERS = process.env.BENCH_WEBHOOK_WORKERS === 'true';

interface Receipt {
  accepted: number;
  duplicates: number;
}

/**
 * How fast a platform webhook is acknowledged: Telegram updates with a valid secret token, posted
 * open loop at 500 requests/s (requests leave on schedule whatever earlier ones are doing, as a
 * platform's deliveries would) to an integration process of its own. Each request is found,
 * verified, parsed, deduplicated and staged in Redis before the 200; one in ten is a redelivery
 * that must be recognised. The process runs without workers (an API-only replica), so the
 * measured path is the acknowledgement alone; accepting into PostgreSQL happens after the answer
 * (BENCH_WEBHOOK_WORKERS=true runs that in the same process too, competing for its event loop).
 */
export const webhookAck: Benchmark = {
  name: 'webhook-ack',
  description: `POST /webhooks/telegram/:id at ${RATE_PER_S}/s for ${DURATION_S} s, 1 in ${DUPLICATE_EVERY} a duplicate${WITH_WORKERS ? ', flushing in-process' : ''}`,
  async run() {
    const db = await openBenchDatabase();
    const encryptionKey = `bench-${randomBytes(16).toString('hex')}`;
    const queuePrefix = `bench-${randomBytes(4).toString('hex')}`;
    const channel = await seedPlatformChannel(db.sequelize, encryptionKey, {
      type: 'telegram',
      credentials: { botToken: FAKE_TELEGRAM_BOT_TOKEN },
    });
    await db.sequelize.close();
    const integration = await spawnService('integration', {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'warn',
      QUEUE_WORKERS: String(WITH_WORKERS),
      QUEUE_PREFIX: queuePrefix,
      ENCRYPTION_KEY: encryptionKey,
    });
    const url = `${integration.url}/webhooks/telegram/${channel.channelId}`;
    let updateId = 1_000_000;
    const fresh = () => {
      updateId += 1;
      return JSON.stringify(
        telegramUpdates.text(updateId, `question ${updateId}`, {
          customer: {
            id: 500_000 + (updateId % CUSTOMERS),
            firstName: `Customer ${updateId % CUSTOMERS}`,
          },
        }),
      );
    };
    // node:http with keep-alive: a lighter client than fetch, so the generator does not compete
    // with the service for the two cores more than it must.
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const target = new URL(url);
    const post = (body: string): Promise<Receipt | null> =>
      new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              [SECRET_HEADER]: channel.webhookSecret,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve(
                res.statusCode === 200
                  ? (JSON.parse(Buffer.concat(chunks).toString()) as Receipt)
                  : null,
              ),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });

    const redis = new Redis(TEST_REDIS_URL);
    try {
      // Warm-up, not measured: JIT, connection pools, the channel cache.
      for (let i = 0; i < WARM_UP_REQUESTS; i += 50) {
        await Promise.all(Array.from({ length: 50 }, () => post(fresh())));
      }
      const sent: string[] = [];
      const latencies: number[] = [];
      let failures = 0;
      let duplicatesSent = 0;
      let duplicatesRejected = 0;
      const total = RATE_PER_S * DURATION_S;
      // The service's CPU per request: what the acknowledgement costs, less sensitive to a busy
      // machine than its latency.
      const cpu = startCpuAccount({
        pids: { integration: integration.process.pid! },
        commands: [],
      });
      const started = performance.now();
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / RATE_PER_S;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const duplicate = i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 && sent.length > 0;
        const body = duplicate ? sent[Math.floor(Math.random() * sent.length)] : fresh();
        if (duplicate) duplicatesSent += 1;
        else sent.push(body);
        inFlight.push(
          post(body).then(
            (receipt) => {
              latencies.push(performance.now() - due);
              if (!receipt) failures += 1;
              else if (receipt.duplicates > 0) duplicatesRejected += 1;
            },
            () => {
              failures += 1;
            },
          ),
        );
      }
      await Promise.all(inFlight);
      const elapsedS = (performance.now() - started) / 1000;
      const cpuSeconds = cpu.stop();
      latencies.sort((a, b) => a - b);
      return {
        requests: total,
        failures,
        requests_per_s: round(total / elapsedS, 1),
        p50_ms: round(percentile(latencies, 50)),
        p99_ms: round(percentile(latencies, 99)),
        duplicates_sent: duplicatesSent,
        duplicates_rejected: duplicatesRejected,
        duplicates_rejected_per_s: round(duplicatesRejected / elapsedS, 1),
        cpu_ms_per_request_integration: round((cpuSeconds.integration * 1000) / total, 3),
      };
    } finally {
      agent.destroy();
      await integration.kill('SIGTERM');
      await deleteKeys(redis, `${queuePrefix}:*`);
      redis.disconnect();
    }
  },
};
