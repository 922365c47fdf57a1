import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { REDIS_CLIENT } from '@cxgenie/redis';

/** Permanent failures of one piece of work before it is set aside. */
export const FAILURES_BEFORE_DEAD_LETTER = 3;
/** A count older than this starts again (the cause may have been fixed meanwhile). */
const COUNT_TTL_S = 24 * 3600;

/**
 * Counts how often one piece of work (a staged message, a message in the pipeline) failed in a way
 * a retry cannot fix, across retries and instances, so the worker knows when to give up on it.
 */
@Injectable()
export class RepeatedFailures {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Counts one more failure; how many there have been, this one included. */
  async count(work: string): Promise<number> {
    const key = this.key(work);
    const [[, failures]] = (await this.redis.multi().incr(key).expire(key, COUNT_TTL_S).exec()) as [
      [Error | null, number],
      unknown,
    ];
    return failures;
  }

  async forget(work: string): Promise<void> {
    await this.redis.del(this.key(work));
  }

  private key(work: string): string {
    const digest = createHash('sha256').update(work).digest('base64url').slice(0, 22);
    return `${this.config.queuePrefix}:failures:${digest}`;
  }
}
