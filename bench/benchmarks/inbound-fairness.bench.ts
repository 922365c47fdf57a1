import Bull from 'bull';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { QUEUE_OPTIONS, QueueNames } from '@cxgenie/contracts';
import { InboundFairness } from '@cxgenie/conversations';
import { testEnv } from '@cxgenie/testing';
import { type Benchmark, percentile, round } from '../benchmark';
import { deleteKeys } from '../redis-keys';

/** Workers and how long a job holds one: capacity CONCURRENCY / SERVICE_MS = 400 jobs/s. */
const CONCURRENCY = 16;
const SERVICE_MS = 40;
/** One workspace alone asks more than the capacity; the quiet ones ask little each. */
const HEAVY_PER_S = 600;
const QUIET_WORKSPACES = 9;
const QUIET_PER_S = 10;
const DURATION_S = 6;

interface Data {
  workspaceId: string;
  sentAt: number;
}

type Mode = 'fair' | 'fifo';

/** Queue waits (add to start) of every job, by class, for one mode on a fresh queue. */
async function overload(
  mode: Mode,
): Promise<{ heavy: number[]; quiet: number[]; jobsPerS: number }> {
  const { REDIS_URL } = testEnv();
  const queuePrefix = `bench-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL);
  const fairness = new InboundFairness(redis, { queuePrefix });
  const queue = new Bull<Data>(QueueNames.ConversationInbound, REDIS_URL, {
    prefix: queuePrefix,
    defaultJobOptions: QUEUE_OPTIONS[QueueNames.ConversationInbound].defaultJobOptions,
  });
  const waits = { heavy: [] as number[], quiet: [] as number[] };
  const total = DURATION_S * (HEAVY_PER_S + QUIET_WORKSPACES * QUIET_PER_S);
  let done = 0;
  let allDone!: () => void;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  // What the inbound worker does with fairness: advance the virtual time, then work.
  void queue.process(CONCURRENCY, async (job) => {
    fairness.started(job.opts.priority);
    (job.data.workspaceId === 'heavy' ? waits.heavy : waits.quiet).push(
      Date.now() - job.data.sentAt,
    );
    await new Promise((resolve) => setTimeout(resolve, SERVICE_MS));
    if (++done === total) allDone();
  });
  const add = async (workspaceId: string) => {
    const opts = mode === 'fair' ? { priority: await fairness.priority(workspaceId) } : {};
    await queue.add({ workspaceId, sentAt: Date.now() }, opts);
  };
  // Open loop: messages leave on schedule whatever the queue is doing.
  const started = Date.now();
  const sent = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const workspaces: [string, number][] = [
    ['heavy', HEAVY_PER_S],
    ...Array.from({ length: QUIET_WORKSPACES }, (_, i): [string, number] => [
      `quiet-${i}`,
      QUIET_PER_S,
    ]),
  ];
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = Math.min(DURATION_S * 1000, Date.now() - started);
      for (const [workspaceId, perS] of workspaces) {
        const due = Math.floor((elapsed * perS) / 1000);
        for (let n = sent.get(workspaceId) ?? 0; n < due; n++) pending.push(add(workspaceId));
        sent.set(workspaceId, due);
      }
      if (elapsed >= DURATION_S * 1000) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  await Promise.all(pending);
  await finished;
  const jobsPerS = total / ((Date.now() - started) / 1000);
  await queue.close();
  await deleteKeys(redis, `${queuePrefix}:*`);
  await redis.quit();
  const sort = (values: number[]) => values.sort((a, b) => a - b);
  return { heavy: sort(waits.heavy), quiet: sort(waits.quiet), jobsPerS };
}

/**
 * The inbound queue under overload: one workspace asking 1.5× the workers' capacity, nine quiet
 * ones asking 10 messages/s each, through a real Bull queue on the real Redis, with stand-in
 * workers that hold a job for a fixed time (the gateway's answering is not what this measures).
 * Fair order (start-time fair queueing, ADR 0040) against plain FIFO, in one run.
 */
export const inboundFairness: Benchmark = {
  name: 'inbound-fairness',
  description: `${DURATION_S} s: 1 workspace at ${HEAVY_PER_S}/s + ${QUIET_WORKSPACES} at ${QUIET_PER_S}/s into conversation.inbound, ${CONCURRENCY} workers × ${SERVICE_MS} ms (capacity ${(CONCURRENCY * 1000) / SERVICE_MS}/s); fair order vs FIFO`,
  async run() {
    const metrics: Record<string, number> = {};
    for (const mode of ['fifo', 'fair'] as const) {
      const { heavy, quiet, jobsPerS } = await overload(mode);
      metrics[`quiet_wait_p50_ms_${mode}`] = round(percentile(quiet, 50));
      metrics[`quiet_wait_p99_ms_${mode}`] = round(percentile(quiet, 99));
      metrics[`heavy_wait_p50_ms_${mode}`] = round(percentile(heavy, 50));
      metrics[`heavy_wait_p99_ms_${mode}`] = round(percentile(heavy, 99));
      metrics[`jobs_per_s_${mode}`] = round(jobsPerS, 1);
    }
    return metrics;
  },
};
