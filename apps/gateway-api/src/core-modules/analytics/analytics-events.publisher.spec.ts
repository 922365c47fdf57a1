import Bull from 'bull';
import { randomBytes } from 'node:crypto';
import { type AnalyticsEventJobData, QueueNames } from '@cxgenie/contracts';
import { TEST_REDIS_URL, eventually } from '@cxgenie/testing';
import { ANALYTICS_FLUSH_MS, AnalyticsEventsPublisher } from './analytics-events.publisher';

const event = (n: number): AnalyticsEventJobData => ({
  type: 'message.answered',
  workspaceId: 'w',
  conversationId: `c${n}`,
  messageId: `m${n}`,
  occurredAt: new Date(0).toISOString(),
  data: { n },
  traceId: `t${n}`,
});

describe('AnalyticsEventsPublisher', () => {
  let queue: Bull.Queue<AnalyticsEventJobData>;
  let publisher: AnalyticsEventsPublisher;
  let adds: number;

  beforeEach(() => {
    queue = new Bull(QueueNames.AnalyticsEvents, TEST_REDIS_URL, {
      prefix: `test-${randomBytes(4).toString('hex')}`,
    });
    adds = 0;
    const addBulk = queue.addBulk.bind(queue);
    queue.addBulk = (jobs) => {
      adds += 1;
      return addBulk(jobs);
    };
    publisher = new AnalyticsEventsPublisher(queue);
  });
  afterEach(() => queue.close());

  it('puts the events of a moment on the queue together, in order, in one round trip', async () => {
    for (let n = 1; n <= 5; n++) publisher.record(event(n));
    expect(await queue.getWaitingCount()).toBe(0);
    await eventually(async () => expect(await queue.getWaitingCount()).toBe(5), 2_000, 10);
    const jobs = await queue.getWaiting();
    expect(jobs.map((j) => j.data.messageId).sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(adds).toBe(1);
  });

  it('flushes what is still buffered when the application shuts down', async () => {
    publisher.record(event(1));
    publisher.record(event(2));
    await publisher.onApplicationShutdown();
    expect(await queue.getWaitingCount()).toBe(2);
    await new Promise((r) => setTimeout(r, ANALYTICS_FLUSH_MS * 2));
    expect(adds).toBe(1);
  });
});
