import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RedisLocks } from '@cxgenie/redis';
import { TEST_REDIS_URL } from '@cxgenie/testing';
import { AttachAttemptedAnswer, attemptHoldKey } from './attach-attempted-answer.usecase';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The hold on a question's attempt that the live path and the owed job share (ADR 0058). */
describe('the hold on an attempt', () => {
  let redis: Redis;
  let attempts: AttachAttemptedAnswer;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    // Only the hold is exercised here: nothing is attached.
    attempts = new AttachAttemptedAnswer(null as never, null as never, new RedisLocks(redis));
  });
  afterAll(() => redis.quit());

  it('lets a second writer in only when the first is done, and then lets it go', async () => {
    const messageId = randomUUID();
    const order: string[] = [];
    const live = attempts.exclusively(messageId, async () => {
      order.push('live starts');
      await sleep(700);
      order.push('live ends');
    });
    await sleep(50);
    const owed = attempts.exclusively(messageId, async () => {
      order.push('job looks');
    });
    await Promise.all([live, owed]);
    expect(order).toEqual(['live starts', 'live ends', 'job looks']);
    expect(await redis.exists(attemptHoldKey(messageId))).toBe(0);
  });

  it('waits out a crashed writer: its hold expires and the next one gets in', async () => {
    const messageId = randomUUID();
    // Left by a process that died holding it.
    await redis.set(attemptHoldKey(messageId), 'dead-worker', 'PX', 800);
    const started = Date.now();
    await attempts.exclusively(messageId, () => Promise.resolve());
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('without Redis, runs the live path all the same and makes the job fail for a retry', async () => {
    const away = new RedisLocks(redis);
    away.acquire = () => Promise.reject(new Error('Connection is closed.'));
    const cut = new AttachAttemptedAnswer(null as never, null as never, away);
    await expect(
      cut.exclusively(randomUUID(), () => Promise.resolve('attached'), { withoutHold: true }),
    ).resolves.toBe('attached');
    await expect(cut.exclusively(randomUUID(), () => Promise.resolve('attached'))).rejects.toThrow(
      'Connection is closed.',
    );
  });
});
