import { randomUUID } from 'node:crypto';
import { integrations } from '@launchdarkly/node-server-sdk';
import { Redis } from 'ioredis';
import { Flags, flagContextKey } from '@cxgenie/contracts';
import { TEST_REDIS_URL, eventually } from '@cxgenie/testing';
import { EvaluationCache } from '../../core-modules/cache/evaluation-cache';
import { FlagEvaluator } from '../../core-modules/launchdarkly/flag-evaluator';
import { type FlagsUnderTest, bootFlags } from '../../testing/flags-under-test';

const flush = Flags.paragraphFlushMs;

describe('flags: the Redis cache and its invalidation across service instances', () => {
  const td = new integrations.TestData();
  let flags: FlagsUnderTest;
  let redis: Redis;

  beforeAll(async () => {
    await td.update(td.flag(flush.key).variations(200, 80).variationForAll(0));
    flags = await bootFlags({ updateProcessor: td.getFactory() });
    redis = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    redis.disconnect();
    await flags.close();
  });

  const sdkEvaluations = () => flags.service.app.get(FlagEvaluator).counts.get(flush.key) ?? 0;

  it('asks the SDK once per flag and context: other instances read the Redis copy, then their own', async () => {
    const [gateway1, gateway2] = [flags.client('gateway-1'), flags.client('gateway-2')];
    await Promise.all([gateway1.whenSubscribed(), gateway2.whenSubscribed()]);
    const context = { workspaceId: randomUUID(), botId: randomUUID() };
    const before = sdkEvaluations();

    expect(await gateway1.evaluate(flush, context)).toMatchObject({
      value: 200,
      source: 'service',
    });
    expect(await gateway2.evaluate(flush, context)).toMatchObject({ value: 200, source: 'redis' });
    expect(await gateway2.evaluate(flush, context)).toMatchObject({ value: 200, source: 'memory' });
    expect(await gateway1.evaluate(flush, context)).toMatchObject({ value: 200, source: 'memory' });
    expect(sdkEvaluations() - before).toBe(1);
    expect(gateway2.stats.hitRatio()).toBe(1);
  });

  it('shows a change to every instance: each drops its copy when the change message arrives', async () => {
    const instances = [flags.client('core-ai-1'), flags.client('core-ai-2'), flags.client('gw')];
    await Promise.all(instances.map((c) => c.whenSubscribed()));
    const context = { workspaceId: randomUUID(), botId: randomUUID() };
    for (const instance of instances) await instance.evaluate(flush, context);
    for (const instance of instances) {
      expect(await instance.evaluate(flush, context)).toMatchObject({
        value: 200,
        source: 'memory',
      });
    }

    await td.update(td.flag(flush.key).variations(200, 80).variationForAll(1));
    await flags.settled();
    // The Redis copy went with the change, before any instance was told.
    expect(
      await redis.hget(`${flags.prefix}:flags:eval:${flush.key}`, flagContextKey(context)),
    ).toBeNull();
    for (const instance of instances) {
      await eventually(async () => expect(await instance.get(flush, context)).toBe(80));
    }
  });

  it('never caches an evaluation that raced a change: its generation is gone', async () => {
    const cache = flags.service.app.get(EvaluationCache);
    const contextKey = flagContextKey({ workspaceId: randomUUID() });
    const generation = await cache.generation(flush.key);
    await cache.invalidate([flush.key]);
    const stale = {
      flagKey: flush.key,
      value: 200,
      variationIndex: 0,
      reason: { kind: 'FALLTHROUGH' as const },
    };
    expect(await cache.store(flush.key, contextKey, stale, generation)).toBe(false);
    expect(await redis.hget(`${flags.prefix}:flags:eval:${flush.key}`, contextKey)).toBeNull();
    expect(await cache.store(flush.key, contextKey, stale, await cache.generation(flush.key))).toBe(
      true,
    );
  });

  it('serves the cache, then coded defaults, while the flags service is down, and the service once it is back', async () => {
    const td2 = new integrations.TestData();
    await td2.update(td2.flag(Flags.botKillSwitch.key).booleanFlag().variationForAll(true));
    const first = await bootFlags({ updateProcessor: td2.getFactory() });
    let flagsUrl = first.service.url;
    const service = first.client('ticket', () => flagsUrl);
    await service.whenSubscribed();
    const known = { workspaceId: randomUUID() };
    const unknown = { workspaceId: randomUUID() };
    expect(await service.get(Flags.botKillSwitch, known)).toBe(true);

    await first.service.close();
    // Nothing can change while the flags service is down: what was cached still holds.
    expect(await service.evaluate(Flags.botKillSwitch, known)).toMatchObject({
      value: true,
      source: 'memory',
    });
    const started = performance.now();
    expect(await service.evaluate(Flags.botKillSwitch, unknown)).toMatchObject({
      value: false,
      source: 'default',
      reason: { kind: 'ERROR', errorKind: 'FLAGS_UNAVAILABLE' },
    });
    // Within the outage back-off the default comes without even trying the service.
    expect(
      await service.evaluate(Flags.botKillSwitch, { workspaceId: randomUUID() }),
    ).toMatchObject({
      source: 'default',
    });
    expect(performance.now() - started).toBeLessThan(2_000);

    const again = await bootFlags({ updateProcessor: td2.getFactory(), prefix: first.prefix });
    flagsUrl = again.service.url;
    try {
      // Its start counts as a change of every flag: the client asks it again.
      await eventually(async () =>
        expect(await service.get(Flags.botKillSwitch, unknown)).toBe(true),
      );
    } finally {
      await service.close();
      await again.close();
    }
  });
});
