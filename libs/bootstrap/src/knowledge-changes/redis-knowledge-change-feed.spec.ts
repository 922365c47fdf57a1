import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL, eventually } from '@cxgenie/testing';
import type { KnowledgeChange } from '@cxgenie/vector-store';
import { RedisKnowledgeChangeFeed, knowledgeChangesChannel } from './redis-knowledge-change-feed';

/** Two processes' feeds (the loader writing, core-ai listening) over the real Redis. */
describe('RedisKnowledgeChangeFeed', () => {
  const channel = `test-knowledge-changed-${randomUUID().slice(0, 8)}`;
  const name = `feed-${randomUUID().slice(0, 8)}`;
  let redis: Redis;
  let writer: RedisKnowledgeChangeFeed;
  let reader: RedisKnowledgeChangeFeed;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    writer = new RedisKnowledgeChangeFeed(redis, TEST_REDIS_URL, channel, `${name}-writer`);
    reader = new RedisKnowledgeChangeFeed(redis, TEST_REDIS_URL, channel, name);
  });
  afterAll(async () => {
    await writer.close();
    await reader.close();
    await redis.quit();
  });

  const subscribedClients = async () =>
    String(await redis.client('LIST'))
      .split('\n')
      .filter((line) => line.includes(`name=${name}-knowledge-sub`) && /sub=1/.test(line));

  it('names the channel after the store, so processes sharing a store share it', () => {
    const lance = (dataDir: string) => knowledgeChangesChannel({ kind: 'lancedb', dataDir });
    expect(lance('.data/lancedb')).toBe(lance(`${process.cwd()}/.data/lancedb`));
    expect(lance('.data/lancedb')).not.toBe(lance('.data/other/lancedb'));
    expect(
      knowledgeChangesChannel({ kind: 'milvus', address: 'milvus:19530', token: null }),
    ).not.toBe(knowledgeChangesChannel({ kind: 'milvus', address: 'other:19530', token: null }));
  });

  it("delivers another process's writes, and its own at once", async () => {
    const heard: (KnowledgeChange | null)[] = [];
    const mine: (KnowledgeChange | null)[] = [];
    reader.subscribe((change) => heard.push(change));
    writer.subscribe((change) => mine.push(change));
    await eventually(async () => expect(await subscribedClients()).toHaveLength(1));

    const change = { space: 'local@1024', workspaceId: randomUUID() };
    writer.publish(change);
    expect(mine).toEqual([change]);
    await eventually(() => expect(heard).toEqual([change]));
  });

  it('tells its listeners everything may have changed after its connection comes back', async () => {
    const heard: (KnowledgeChange | null)[] = [];
    reader.subscribe((change) => heard.push(change));
    const [line] = await subscribedClients();
    const id = /\bid=(\d+)/.exec(line!)![1]!;
    await redis.client('KILL', 'ID', id);
    await eventually(() => expect(heard).toContain(null), 10_000);
    // And it is subscribed again: announcements reach it.
    const change = { space: 'local@1024', workspaceId: randomUUID() };
    await eventually(async () => expect(await subscribedClients()).toHaveLength(1));
    writer.publish(change);
    await eventually(() => expect(heard).toContainEqual(change));
  });
});
