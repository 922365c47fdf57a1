import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from '@cxgenie/testing';
import { LockKeeper } from './lock-keeper';
import { RedisLocks, knockKey, lockSlotKey } from './redis-locks';

describe('RedisLocks', () => {
  let redis: Redis;
  let locks: RedisLocks;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    locks = new RedisLocks(redis);
  });
  afterAll(() => redis.quit());

  it('gives the lock to one holder at a time', async () => {
    const key = `test-lock:${randomUUID()}`;
    const first = await locks.acquire(key, 10_000);
    expect(first).not.toBeNull();
    expect(await locks.acquire(key, 10_000)).toBeNull();
    expect(await locks.release(first!)).toBe(true);
    expect(await locks.acquire(key, 10_000)).not.toBeNull();
  });

  it('lets only the owner extend or release: an expired holder cannot touch the next one', async () => {
    const key = `test-lock:${randomUUID()}`;
    const stale = (await locks.acquire(key, 50))!;
    await new Promise((r) => setTimeout(r, 80));
    const current = (await locks.acquire(key, 10_000))!;
    expect(current).not.toBeNull();
    expect(await locks.extend(stale, 10_000)).toBe(false);
    expect(await locks.release(stale)).toBe(false);
    expect(await locks.isHeld(current)).toBe(true);
    expect(await locks.isHeld(stale)).toBe(false);
  });

  it('preempts a holder without its token, whose keeper then finds it lost', async () => {
    const key = `test-lock:${randomUUID()}`;
    const lock = (await locks.acquire(key, 10_000))!;
    const keeper = new LockKeeper(locks, lock, 10_000);
    await locks.preempt(key);
    await new Promise((r) => setTimeout(r, 25));
    expect(await keeper.stillHeld()).toBe(false);
    expect(await locks.acquire(key, 10_000)).not.toBeNull();
  });

  it('a keeper releases its lock when the work is done', async () => {
    const key = `test-lock:${randomUUID()}`;
    const keeper = new LockKeeper(locks, (await locks.acquire(key, 10_000))!, 10_000).start();
    await keeper.release();
    expect(await redis.exists(key)).toBe(0);
  });
  it('tells the owner on release whether anybody knocked while it held the lock', async () => {
    const key = `test-lock:${randomUUID()}`;
    const first = new LockKeeper(locks, (await locks.acquireOrKnock(key, 10_000))!, 10_000);
    expect(await first.releaseHearing()).toBe('quiet');

    const second = new LockKeeper(locks, (await locks.acquireOrKnock(key, 10_000))!, 10_000);
    expect(await locks.acquireOrKnock(key, 10_000)).toBeNull();
    expect(await locks.acquireOrKnock(key, 10_000)).toBeNull();
    expect(await second.releaseHearing()).toBe('knocked');

    // Heard once: the next holder starts quiet.
    const third = new LockKeeper(locks, (await locks.acquireOrKnock(key, 10_000))!, 10_000);
    expect(await third.releaseHearing()).toBe('quiet');
  });

  it('hears no knock for a lock it lost, and leaves the knock to the new owner', async () => {
    const key = `test-lock:${randomUUID()}`;
    const stale = new LockKeeper(locks, (await locks.acquireOrKnock(key, 10_000))!, 10_000);
    await locks.preempt(key);
    const current = new LockKeeper(locks, (await locks.acquireOrKnock(key, 10_000))!, 10_000);
    expect(await locks.acquireOrKnock(key, 10_000)).toBeNull();

    expect(await stale.releaseHearing()).toBe('not-held');
    expect(await current.releaseHearing()).toBe('knocked');
  });

  it('leaves without lock or knock when the work it came for is done, else acts as acquireOrKnock', async () => {
    const key = `test-lock:${randomUUID()}`;
    const done = lockSlotKey(key, 'progress');
    // Nothing recorded yet: the lock is taken.
    const holder = await locks.acquireOrKnockUnlessDone(key, 10_000, done, 1);
    expect(holder).toMatchObject({ key });
    // Held, and the counter short of 2: a knock the holder hears.
    await redis.set(done, '1');
    expect(await locks.acquireOrKnockUnlessDone(key, 10_000, done, 2)).toBeNull();
    // Held, and message 1 done: neither lock nor knock.
    const keeper = new LockKeeper(locks, holder as { key: string; token: string }, 10_000);
    expect(await locks.acquireOrKnockUnlessDone(key, 10_000, done, 1)).toBe('done');
    expect(await keeper.releaseHearing()).toBe('knocked');
    // Free, but done: the lock stays free.
    expect(await locks.acquireOrKnockUnlessDone(key, 10_000, done, 1)).toBe('done');
    expect(await redis.exists(key)).toBe(0);
    const next = await locks.acquireOrKnockUnlessDone(key, 10_000, done, 2);
    expect(next).toMatchObject({ key });
    expect(await redis.get(key)).toBe((next as { token: string }).token);
  });

  it("keeps the knock in its lock's Redis Cluster hash slot", () => {
    // Redis Cluster hashes the part between the first '{' and the next '}' when it is not empty,
    // else the whole key; a script's keys must hash alike.
    const hashed = (key: string) => {
      const open = key.indexOf('{');
      const close = open < 0 ? -1 : key.indexOf('}', open + 1);
      return close > open + 1 ? key.slice(open + 1, close) : key;
    };
    for (const key of [`lock:conversation:${randomUUID()}`, 'lock:{workspace-1}:conversation:2'])
      for (const slotted of [knockKey(key), lockSlotKey(key, 'progress')])
        expect(hashed(slotted)).toBe(hashed(key));
  });
});
