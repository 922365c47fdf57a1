import Bull from 'bull';
import { randomBytes } from 'node:crypto';
import { TEST_REDIS_URL } from '@cxgenie/testing';
import { MetricsService } from './metrics.service';

describe('queue metrics, read from Redis at scrape time', () => {
  const prefix = `test-metrics-${randomBytes(4).toString('hex')}`;
  let queue: Bull.Queue;

  beforeAll(() => {
    queue = new Bull('metrics.spec', TEST_REDIS_URL, { prefix });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  const gauge = (text: string, state: string): number => {
    const line = text
      .split('\n')
      .find((l) =>
        l.startsWith(`bull_queue_oldest_job_age_seconds{queue="metrics.spec",state="${state}"}`),
      );
    return Number(line?.split(' ').pop());
  };

  it('reports the depth and how long the oldest waiting job has waited', async () => {
    const metrics = new MetricsService();
    metrics.trackQueue(queue);
    expect(gauge(await metrics.render(), 'waiting')).toBe(0);

    // Queued a minute ago, then a newer one: the age is the older job's.
    // Bull honours `timestamp` (the time the job counts as queued); its typings omit it.
    await queue.add({ n: 1 }, { timestamp: Date.now() - 60_000 } as Bull.JobOptions);
    await queue.add({ n: 2 });
    const text = await metrics.render();
    expect(text).toContain('bull_queue_jobs{queue="metrics.spec",state="waiting"} 2');
    expect(gauge(text, 'waiting')).toBeGreaterThanOrEqual(59);
    expect(gauge(text, 'waiting')).toBeLessThan(120);
    expect(gauge(text, 'active')).toBe(0);
  });
});
