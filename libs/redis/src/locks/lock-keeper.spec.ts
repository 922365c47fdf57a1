import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL, eventually } from '@cxgenie/testing';
import { RedisLocks } from './redis-locks';
import { LockKeeper, OWNERSHIP_FRESH_MS } from './lock-keeper';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LockKeeper', () => {
  let redis: Redis;
  let locks: RedisLocks;
  let gets: number;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    locks = new RedisLocks(redis);
    // Counts the ownership checks that reach Redis.
    const isHeld = locks.isHeld.bind(locks);
    locks.isHeld = (lock) => {
      gets += 1;
      return isHeld(lock);
    };
  });
  beforeEach(() => {
    gets = 0;
  });
  afterAll(() => redis.quit());

  const acquire = async (ttlMs: number) => {
    const lock = await locks.acquire(randomUUID(), ttlMs);
    if (!lock) throw new Error('lock not acquired');
    return new LockKeeper(locks, lock, ttlMs);
  };

  it('trusts a confirmation younger than the freshness window, and asks Redis after it', async () => {
    // The keeper's own clock, stepped by hand: a loaded machine may deschedule this process for
    // longer than the 20 ms window between two lines.
    let clock = performance.now();
    const now = jest.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const keeper = await acquire(10_000);
      clock += OWNERSHIP_FRESH_MS - 1;
      expect(await keeper.stillHeld()).toBe(true);
      expect(await keeper.stillHeld()).toBe(true);
      expect(gets).toBe(0);
      clock += 2;
      expect(await keeper.stillHeld()).toBe(true);
      expect(gets).toBe(1);
    } finally {
      now.mockRestore();
    }
  });

  it('notices a lock taken by someone else once the window has passed, and stays lost', async () => {
    const keeper = await acquire(10_000);
    await redis.set(keeper.lock.key, 'another-worker');
    await sleep(OWNERSHIP_FRESH_MS + 5);
    expect(await keeper.stillHeld()).toBe(false);
    expect(keeper.lost).toBe(true);
    await redis.set(keeper.lock.key, keeper.lock.token);
    expect(await keeper.stillHeld()).toBe(false);
  });

  it('takes an ownership check made elsewhere as its own: a confirmation, or the loss for good', async () => {
    const keeper = await acquire(10_000);
    await sleep(OWNERSHIP_FRESH_MS + 5);
    keeper.noteOwnership(true, performance.now());
    expect(await keeper.stillHeld()).toBe(true);
    expect(gets).toBe(0);
    keeper.noteOwnership(false, performance.now());
    expect(keeper.lost).toBe(true);
    expect(await keeper.stillHeld()).toBe(false);
    keeper.noteOwnership(true, performance.now());
    expect(keeper.lost).toBe(true);
  });

  it('extends the lock past its TTL while work runs, and a failed extension marks it lost', async () => {
    // Renewed every 500 ms: a loaded machine may stall the event loop for a while, not for 1 s.
    const ttlMs = 1_500;
    const keeper = (await acquire(ttlMs)).start();
    try {
      await sleep(ttlMs * 2.5);
      expect(await redis.get(keeper.lock.key)).toBe(keeper.lock.token);
      expect(keeper.lost).toBe(false);
      await redis.set(keeper.lock.key, 'another-worker');
      await eventually(() => expect(keeper.lost).toBe(true), ttlMs * 2, 20);
      expect(await keeper.stillHeld()).toBe(false);
    } finally {
      keeper.stop();
    }
  });
});
