import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { REDIS_CLIENT } from '../redis.tokens';

// Only the owner may extend or release: compare the token, then act, atomically.
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

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
}

@Injectable()
export class RedisLocks {
  private readonly commands: LockCommands;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {
    redis.defineCommand('lockExtend', { numberOfKeys: 1, lua: EXTEND });
    redis.defineCommand('lockRelease', { numberOfKeys: 1, lua: RELEASE });
    this.commands = redis as unknown as LockCommands;
  }

  async acquire(key: string, ttlMs: number): Promise<HeldLock | null> {
    const token = randomBytes(16).toString('hex');
    const ok = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? { key, token } : null;
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
