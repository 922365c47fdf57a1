import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { REDIS_CLIENT } from '@cxgenie/redis';

// Only the owner may extend or release: compare the token, then act, atomically.
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

const lockKey = (conversationId: string) => `lock:conversation:${conversationId}`;

export interface HeldLock {
  readonly key: string;
  readonly token: string;
}

/**
 * The per-conversation mutex: SET NX PX with a random owner token. Extending and releasing are
 * compare-and-act scripts, so a worker whose lock expired can neither prolong nor delete the lock
 * another worker now holds.
 */
@Injectable()
export class ConversationLock {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async acquire(conversationId: string, ttlMs: number): Promise<HeldLock | null> {
    const key = lockKey(conversationId);
    const token = randomBytes(16).toString('hex');
    const ok = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? { key, token } : null;
  }

  async extend(lock: HeldLock, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(EXTEND, 1, lock.key, lock.token, ttlMs)) === 1;
  }

  async release(lock: HeldLock): Promise<boolean> {
    return (await this.redis.eval(RELEASE, 1, lock.key, lock.token)) === 1;
  }

  /**
   * Takes the conversation from whichever worker holds it, without its token: for an agent taking
   * the conversation over. That worker's next ownership check fails, so its answer stops streaming
   * and is never committed; the next worker to drain sees the conversation in human mode.
   */
  async preempt(conversationId: string): Promise<void> {
    await this.redis.del(lockKey(conversationId));
  }

  async isHeld(lock: HeldLock): Promise<boolean> {
    return (await this.redis.get(lock.key)) === lock.token;
  }
}
