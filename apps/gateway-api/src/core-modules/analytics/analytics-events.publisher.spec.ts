import Bull from 'bull';
import { randomBytes } from 'node:crypto';
import { type AnalyticsEvent, type AnalyticsEventsJobData, QueueNames } from '@cxgenie/contracts';
import { TEST_REDIS_URL, eventually } from '@cxgenie/testing';
import { ANALYTICS_FLUSH_MS, AnalyticsEventsPublisher } from './analytics-events.publisher';

const event = (n: number): AnalyticsEvent => ({
  type: 'message.answered',
  workspaceId: 'w',
  conversationId: `c${n}`,
  messageId: `m${n}`,
  occurredAt: new Date(0).toISOString(),
  data: { n },
  traceId: `t${n}`,
});

describe('AnalyticsEventsPublisher', () => {
  let queue: Bull.Queue<AnalyticsEventsJobData>;
  let publisher: AnalyticsEventsPublisher;

  beforeEach(() => {
    queue = new Bull(QueueNames.AnalyticsEvents, TEST_REDIS_URL, {
      prefix: `test-${randomBytes(4).toString('hex')}`,
    });
    publisher = new AnalyticsEventsPublisher(queue);
  });
  afterEach(() => queue.close());

  it('puts the events of a moment on the queue together, in order, as one job', async () => {
    for (let n = 1; n <= 5; n++) publisher.record(event(n));
    expect(await queue.getWaitingCount()).toBe(0);
    await eventually(async () => expect(await queue.getWaitingCount()).toBe(1), 2_000, 10);
    const [job] = await queue.getWaiting();
    expect(job.data.events.map((e) => e.messageId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('flushes what is still buffered when the application shuts down', async () => {
    publisher.record(event(1));
    publisher.record(event(2));
    await publisher.onApplicationShutdown();
    const [job] = await queue.getWaiting();
    expect(job.data.events.map((e) => e.messageId)).toEqual(['m1', 'm2']);
    // Nothing is left for the timer to send.
    await new Promise((r) => setTimeout(r, ANALYTICS_FLUSH_MS * 2));
    expect(await queue.getWaitingCount()).toBe(1);
  });
});
