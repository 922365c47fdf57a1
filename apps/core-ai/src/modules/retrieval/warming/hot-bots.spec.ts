import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from '@cxgenie/testing';
import { HOT_BOTS_KEPT, HOT_BOT_NOTE_INTERVAL_MS, type HotBot, HotBots } from './hot-bots';

const SPACE = { model: 'local/hashed-ngrams-v1', dimensions: 256 };
const hot = (botId = randomUUID(), workspaceId = randomUUID()): HotBot => ({
  space: SPACE,
  scope: { workspaceId, botId },
});
const NOW = 1_800_000_000_000;

describe('HotBots (real Redis)', () => {
  let redis: Redis;
  let key: string;
  let hotBots: HotBots;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  beforeEach(() => {
    key = `test-${randomUUID()}:knowledge:hot-bots`;
    hotBots = new HotBots(redis, key);
  });
  afterEach(async () => {
    await redis.del(key);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('lists the bots searched since a time, the most recent first, each once', async () => {
    const [a, b, c] = [hot(), hot(), hot()];
    await hotBots.noteUse(a, NOW - 3_000);
    await hotBots.noteUse(b, NOW - 2_000);
    await hotBots.noteUse(c, NOW - 1_000);
    await hotBots.noteUse(a, NOW + HOT_BOT_NOTE_INTERVAL_MS);
    expect(await hotBots.recent(10, 0)).toEqual([a, c, b]);
    expect(await hotBots.recent(2, 0)).toEqual([a, c]);
    expect(await hotBots.recent(10, NOW - 1_500)).toEqual([a, c]);
    expect(await hotBots.recent(0, 0)).toEqual([]);
  });

  it('writes a busy bot once a minute, not once a search, per process', async () => {
    const bot = hot();
    await hotBots.noteUse(bot, NOW);
    await hotBots.noteUse(bot, NOW + HOT_BOT_NOTE_INTERVAL_MS - 1);
    expect(Number(await redis.zscore(key, JSON.stringify(memberParts(bot))))).toBe(NOW);
    // Another process has its own interval: the record is shared, the throttle is not.
    await new HotBots(redis, key).noteUse(bot, NOW + 10);
    expect(Number(await redis.zscore(key, JSON.stringify(memberParts(bot))))).toBe(NOW + 10);
  });

  it(`keeps the ${HOT_BOTS_KEPT} most recent bots only`, async () => {
    const bots = Array.from({ length: HOT_BOTS_KEPT + 5 }, () => hot());
    for (const [i, bot] of bots.entries()) await hotBots.noteUse(bot, NOW + i);
    expect(await redis.zcard(key)).toBe(HOT_BOTS_KEPT);
    const listed = await hotBots.recent(HOT_BOTS_KEPT + 5, 0);
    expect(listed).toHaveLength(HOT_BOTS_KEPT);
    expect(listed[0]).toEqual(bots.at(-1));
    expect(listed).not.toContainEqual(bots[4]);
    expect(listed).toContainEqual(bots[5]);
  });

  it('skips members it cannot read, and forgets a bot on request', async () => {
    const bot = hot();
    await hotBots.noteUse(bot, NOW);
    await redis.zadd(
      key,
      NOW + 1,
      'not json',
      NOW + 2,
      '["model", "256", "w", "b"]',
      NOW + 3,
      '{}',
    );
    expect(await hotBots.recent(10, 0)).toEqual([bot]);
    await hotBots.forget(bot);
    expect(await hotBots.recent(10, 0)).toEqual([]);
  });

  it('never fails the search when Redis is away', async () => {
    const away = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    away.on('error', () => undefined);
    try {
      await expect(new HotBots(away, key).noteUse(hot(), NOW)).resolves.toBeUndefined();
    } finally {
      away.disconnect();
    }
  });

  it('does not count a failed note as written: the next search writes it', async () => {
    const bot = hot();
    await redis.set(key, 'not a sorted set');
    await expect(hotBots.noteUse(bot, NOW)).resolves.toBeUndefined();
    await redis.del(key);
    await hotBots.noteUse(bot, NOW + 1);
    expect(await hotBots.recent(10, 0)).toEqual([bot]);
  });
});

const memberParts = ({ space, scope }: HotBot) => [
  space.model,
  space.dimensions,
  scope.workspaceId,
  scope.botId,
];
