import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { REDIS_CLIENT } from '@cxgenie/redis';

// Only the owner may extend or release: compare the token, then act, atomically.
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface HeldLock {
  readonly key: string;
  readonly token: string;
  /** Becomes true when an extension found the lock gone or taken: stop working under it. */
  readonly lost: boolean;
  release(): Promise<void>;
}

/**
 * A mutex in Redis (SET NX PX with a random owner token), kept alive while held: it is extended
 * every third of its lifetime until released, so slow work does not lose it, and a crashed
 * holder's lock expires on its own.
 */
@Injectable()
export class RedisLocks {
  private readonly logger = new Logger(RedisLocks.name);

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async acquire(key: string, ttlMs: number): Promise<HeldLock | null> {
    const token = randomBytes(16).toString('hex');
    if ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
    let lost = false;
    const timer = setInterval(
      () => {
        this.redis.eval(EXTEND, 1, key, token, ttlMs).then(
          (extended) => {
            if (extended !== 1) lost = true;
          },
          (error: Error) => this.logger.warn(`lock ${key} not extended: ${error.message}`),
        );
      },
      Math.max(50, Math.floor(ttlMs / 3)),
    );
    timer.unref();
    return {
      key,
      token,
      get lost() {
        return lost;
      },
      release: async () => {
        clearInterval(timer);
        await this.redis.eval(RELEASE, 1, key, token).catch(() => 0);
      },
    };
  }
}
