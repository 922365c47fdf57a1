import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { REDIS_CLIENT } from '../redis.tokens';

// Only the owner may extend or release: compare the token, then act, atomically.
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

// A waiter that finds the lock held leaves a knock (KEYS[2]) in the same script, and the owner's
// release reads and clears it in the same script as the DEL: no knock falls between the two.
const ACQUIRE_OR_KNOCK = `if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
return 0`;
// The same, unless the work the waiter came for is already done: a counter in the lock's hash slot
// (KEYS[3]) has reached ARGV[4]. Then it neither takes the lock nor knocks (-1): nothing is left for
// it, and the holder that did the work has nothing to look for on its account.
const ACQUIRE_OR_KNOCK_UNLESS_DONE = `local done = tonumber(redis.call('GET', KEYS[3]) or '0')
if done and done >= tonumber(ARGV[4]) then return -1 end
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
return 0`;
const RELEASE_HEARING = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
redis.call('DEL', KEYS[1])
return redis.call('DEL', KEYS[2])`;

/**
 * A knock outlives any hold: a holder that renews its lock for a long answer must still hear a
 * knock made at its start. One left behind by a crashed holder costs its successor one more look.
 */
const KNOCK_TTL_MS = 3_600_000;

/** How a release with knocks went: nobody knocked, somebody did, or the lock was not ours any more. */
export type HeardRelease = 'quiet' | 'knocked' | 'not-held';

export interface HeldLock {
  readonly key: string;
  readonly token: string;
}

/**
 * A mutex in Redis: SET NX PX with a random owner token. Extending and releasing are
 * compare-and-act scripts, so a holder whose lock expired can neither prolong nor delete the lock
 * another holder now has; a crashed holder's lock expires on its own. Keep it alive during slow
 * work with a `LockKeeper`.
 */
/** The scripts, defined once per client: sent by SHA (EVALSHA), not as text on every call. */
interface LockCommands {
  lockExtend(key: string, token: string, ttlMs: number): Promise<number>;
  lockRelease(key: string, token: string): Promise<number>;
  lockAcquireOrKnock(
    key: string,
    knockKey: string,
    token: string,
    ttlMs: number,
    knockTtlMs: number,
  ): Promise<number>;
  lockAcquireOrKnockUnlessDone(
    key: string,
    knockKey: string,
    doneKey: string,
    token: string,
    ttlMs: number,
    knockTtlMs: number,
    through: number,
  ): Promise<number>;
  lockReleaseHearing(key: string, knockKey: string, token: string): Promise<number>;
}

/**
 * The knock sits in the lock's hash slot, as a script's keys must on a Redis Cluster: a key without
 * a hash tag hashes whole, so the whole key becomes the knock's tag; a key with a hash tag lends it.
 */
export const knockKey = (key: string): string => lockSlotKey(key, 'knock');

/**
 * A key of the lock's hash slot (see knockKey), for a script that reads it with the lock's: e.g.
 * how far the work the lock guards is done (acquireOrKnockUnlessDone).
 */
export const lockSlotKey = (key: string, suffix: string): string =>
  key.includes('{') ? `${key}:${suffix}` : `{${key}}:${suffix}`;

@Injectable()
export class RedisLocks {
  private readonly commands: LockCommands;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {
    redis.defineCommand('lockExtend', { numberOfKeys: 1, lua: EXTEND });
    redis.defineCommand('lockRelease', { numberOfKeys: 1, lua: RELEASE });
    redis.defineCommand('lockAcquireOrKnock', { numberOfKeys: 2, lua: ACQUIRE_OR_KNOCK });
    redis.defineCommand('lockAcquireOrKnockUnlessDone', {
      numberOfKeys: 3,
      lua: ACQUIRE_OR_KNOCK_UNLESS_DONE,
    });
    redis.defineCommand('lockReleaseHearing', { numberOfKeys: 2, lua: RELEASE_HEARING });
    this.commands = redis as unknown as LockCommands;
  }

  async acquire(key: string, ttlMs: number): Promise<HeldLock | null> {
    const token = randomBytes(16).toString('hex');
    const ok = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? { key, token } : null;
  }

  /**
   * acquire(), and when the lock is held, a knock its owner hears on release (releaseHearing): a
   * waiter that leaves can count on the owner to know that somebody came while it worked.
   */
  async acquireOrKnock(key: string, ttlMs: number): Promise<HeldLock | null> {
    const token = randomBytes(16).toString('hex');
    const ok = await this.commands.lockAcquireOrKnock(
      key,
      knockKey(key),
      token,
      ttlMs,
      KNOCK_TTL_MS,
    );
    return ok === 1 ? { key, token } : null;
  }

  /**
   * acquireOrKnock(), unless `doneKey` (a key of the lock's slot, see lockSlotKey) holds a number
   * of at least `through`: then 'done', without taking the lock or knocking. One round trip for
   * what would otherwise be a read of the counter and then the lock.
   */
  async acquireOrKnockUnlessDone(
    key: string,
    ttlMs: number,
    doneKey: string,
    through: number,
  ): Promise<HeldLock | 'done' | null> {
    const token = randomBytes(16).toString('hex');
    const ok = await this.commands.lockAcquireOrKnockUnlessDone(
      key,
      knockKey(key),
      doneKey,
      token,
      ttlMs,
      KNOCK_TTL_MS,
      through,
    );
    return ok === 1 ? { key, token } : ok < 0 ? 'done' : null;
  }

  /** release(), telling whether anybody knocked (acquireOrKnock) since the last release heard. */
  async releaseHearing(lock: HeldLock): Promise<HeardRelease> {
    const heard = await this.commands.lockReleaseHearing(lock.key, knockKey(lock.key), lock.token);
    return heard < 0 ? 'not-held' : heard > 0 ? 'knocked' : 'quiet';
  }

  async extend(lock: HeldLock, ttlMs: number): Promise<boolean> {
    return (await this.commands.lockExtend(lock.key, lock.token, ttlMs)) === 1;
  }

  async release(lock: HeldLock): Promise<boolean> {
    return (await this.commands.lockRelease(lock.key, lock.token)) === 1;
  }

  async isHeld(lock: HeldLock): Promise<boolean> {
    return (await this.redis.get(lock.key)) === lock.token;
  }

  /**
   * Takes the lock from whoever holds it, without their token (an agent taking a conversation
   * over): the holder's next ownership check fails, so it stops working under the lock.
   */
  async preempt(key: string): Promise<void> {
    await this.redis.del(key);
  }
}
