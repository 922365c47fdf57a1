import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type FlagEvaluation, type FlagsChangedMessage, flagsKeys } from '@cxgenie/contracts';
import { CACHE_REDIS } from './cache-redis';

/**
 * Written only if the flag's generation is still the one read before evaluating: an evaluation
 * that raced a change is dropped rather than cached after the change's invalidation. The value
 * is also what the context's sockets count as known, so a later change is pushed only if it
 * differs.
 */
const STORE = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[4], 'NX')
redis.call('HSET', KEYS[3], ARGV[2], ARGV[5])
redis.call('SADD', KEYS[4], ARGV[6])
return 1`;

/** Compare-and-set of what a context was told: 1 when the value is news to it. */
const TELL = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

/** A context nobody evaluated for this long is no longer told about changes. */
const WATCH_MS = 24 * 3600 * 1000;

/**
 * The Redis side of the flags service: the evaluation cache every service reads, its
 * invalidation and change messages, and the registry of contexts that get socket pushes.
 * Redis keys: `flagsKeys` in libs/contracts.
 */
@Injectable()
export class EvaluationCache {
  readonly keys: ReturnType<typeof flagsKeys>;
  private readonly ttlSeconds: number;

  constructor(
    @Inject(CACHE_REDIS) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.keys = flagsKeys(config.queuePrefix);
    this.ttlSeconds = config.flags.cacheTtlSeconds;
  }

  async generation(flagKey: string): Promise<string> {
    return (await this.redis.get(this.keys.generation(flagKey))) ?? '';
  }

  async store(
    flagKey: string,
    contextKey: string,
    evaluation: FlagEvaluation,
    generation: string,
  ): Promise<boolean> {
    const stored = await this.redis.eval(
      STORE,
      4,
      this.keys.generation(flagKey),
      this.keys.evaluations(flagKey),
      this.keys.told(flagKey),
      this.keys.cachedFlags,
      generation,
      contextKey,
      JSON.stringify(evaluation),
      this.ttlSeconds,
      JSON.stringify(evaluation.value),
      flagKey,
    );
    return stored === 1;
  }

  async watch(contextKey: string, now = Date.now()): Promise<void> {
    await this.redis.zadd(this.keys.contexts, now, contextKey);
  }

  /** Every flag with evaluations in the cache (declared or not). */
  cachedFlagKeys(): Promise<string[]> {
    return this.redis.smembers(this.keys.cachedFlags);
  }

  /** One transaction: a reader never sees the new generation with the old evaluations. */
  async invalidate(flagKeys: readonly string[]): Promise<void> {
    const multi = this.redis.multi();
    for (const key of flagKeys) {
      multi.incr(this.keys.generation(key));
      multi.del(this.keys.evaluations(key));
    }
    await multi.exec();
  }

  async publish(message: FlagsChangedMessage): Promise<void> {
    await this.redis.publish(this.keys.changes, JSON.stringify(message));
  }

  /** Contexts evaluated within the last day; older ones are forgotten here. */
  async watchedContexts(flagKeys: readonly string[], now = Date.now()): Promise<string[]> {
    const cutoff = now - WATCH_MS;
    const stale = await this.redis.zrangebyscore(this.keys.contexts, '-inf', cutoff);
    if (stale.length > 0) {
      const multi = this.redis.multi().zrem(this.keys.contexts, ...stale);
      for (const key of flagKeys) multi.hdel(this.keys.told(key), ...stale);
      await multi.exec();
    }
    return this.redis.zrangebyscore(this.keys.contexts, cutoff, '+inf');
  }

  /** For each (context, value) of a flag: whether it is news to the context (and now recorded). */
  async tell(
    flagKey: string,
    values: { contextKey: string; value: unknown }[],
  ): Promise<boolean[]> {
    if (values.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const { contextKey, value } of values) {
      pipeline.eval(TELL, 1, this.keys.told(flagKey), contextKey, JSON.stringify(value));
    }
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, result]) => {
      if (error) throw error;
      return result === 1;
    });
  }
}
