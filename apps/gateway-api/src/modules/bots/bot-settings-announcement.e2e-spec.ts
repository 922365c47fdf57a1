import { Redis } from 'ioredis';
import { type SearchResponse, serviceUrlEnvVar } from '@cxgenie/contracts';
import { BotRepository, TenantConnections } from '@cxgenie/database';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  type SpawnedService,
  serviceTokenHeaders,
  sharedQueuePrefix,
  spawnService,
  TEST_REDIS_URL,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

const QUERY = 'Where is my parcel and how do I track it?';
const SNIPPETS = Array.from({ length: 7 }, (_, i) => ({
  title: `Parcel tracking, case ${i + 1}`,
  content: `Case ${i + 1}: follow the tracking link in your shipping email to see where your parcel is. Tracking can take up to ${i + 1} days to show the first scan.`,
}));

/**
 * core-ai keeps a bot's knowledge settings in memory (ADR 0060). Two core-ai processes, each with
 * a settings lifetime far longer than the test, so only the bots API's announcement (or the loss
 * of the subscription) can make them read a bot's settings again.
 */
describe("core-ai's bot settings follow the bots API at once", () => {
  const QUEUE_PREFIX = sharedQueuePrefix();
  let coreAis: SpawnedService[] = [];
  let gateway: BootedService;
  let owner: ApiClient;
  let botId: string;

  const search = (coreAi: SpawnedService) =>
    fetch(`${coreAi.url}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({ workspaceId: owner.session!.workspaceId, botId, query: QUERY }),
    });
  const chunksFound = async (coreAi: SpawnedService): Promise<number> => {
    const res = await search(coreAi);
    expect(res.status).toBe(200);
    return ((await res.json()) as SearchResponse).chunks.length;
  };
  const chunksFoundByEach = () => Promise.all(coreAis.map(chunksFound));
  /** Whether a core-ai hears announcements and serves settings from memory (its own metric). */
  const live = async (coreAi: SpawnedService): Promise<boolean> => {
    const text = await (await fetch(`${coreAi.url}/metrics`)).text();
    return text.split('\n').includes('bot_settings_memory_live 1');
  };
  const subscriberIds = async (redis: Redis): Promise<string[]> => {
    const clients = (await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    return (
      clients
        .split('\n')
        // This suite's core-ais only: other suites' subscribers share the test Redis.
        .filter((line) => line.includes(`name=cxgenie:core-ai-bot-settings-sub:${QUEUE_PREFIX} `))
        .map((line) => /\bid=(\d+)/.exec(line)![1]!)
    );
  };
  /** A settings write whose announcement was lost: the bots' own store, not the bots API. */
  const writeUnannounced = async (topK: number) => {
    const scope = await gateway.app.get(TenantConnections).scope(owner.session!.workspaceId);
    await gateway.app.get(BotRepository, { strict: false }).update(scope, botId, {
      knowledgeSettings: { topK },
    });
  };

  beforeAll(async () => {
    const coreAiEnv = { QUEUE_PREFIX, BOT_SETTINGS_CACHE_TTL_MS: '600000' };
    coreAis = await Promise.all([
      spawnService('core-ai', coreAiEnv),
      spawnService('core-ai', coreAiEnv),
    ]);
    gateway = await bootService(gatewayApiService, {
      QUEUE_PREFIX,
      [serviceUrlEnvVar('core-ai')]: coreAis[0]!.url,
    });
    await eventually(async () =>
      expect(await Promise.all(coreAis.map(live))).toEqual([true, true]),
    );
    owner = await ApiClient.signUp(gateway.url);
    botId = (await owner.post<{ id: string }>('/api/v1/bots', { name: 'Settings bot' })).body.id;
    for (const snippet of SNIPPETS)
      expect((await owner.post(`/api/v1/bots/${botId}/snippets`, snippet)).status).toBe(201);
    // All seven indexed, whichever process took the jobs; the default topK of 5 applies.
    await eventually(async () => expect(await chunksFoundByEach()).toEqual([5, 5]), 30_000, 200);
  }, 180_000);

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(coreAis.map((c) => c.close()));
  });

  it('holds the settings in memory: an unannounced write is not seen', async () => {
    await writeUnannounced(2);
    expect(await chunksFoundByEach()).toEqual([5, 5]);
  });

  it('searches with a topK changed through the dashboard API on the very next search, in both processes', async () => {
    for (const topK of [3, 6, 1]) {
      const res = await owner.patch(`/api/v1/bots/${botId}`, { knowledgeSettings: { topK } });
      expect(res.status).toBe(200);
      expect(await chunksFoundByEach()).toEqual([topK, topK]);
    }
  });

  it('reads every bot again once its subscription was lost and restored', async () => {
    await writeUnannounced(4);
    expect(await chunksFoundByEach()).toEqual([1, 1]);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const killed = await subscriberIds(redis);
      expect(killed).toHaveLength(2);
      for (const id of killed) await redis.client('KILL', 'ID', id);
      // Both reconnected (so both saw the connection drop) and confirmed their subscriptions.
      await eventually(async () => {
        const back = (await subscriberIds(redis)).filter((id) => !killed.includes(id));
        expect(back).toHaveLength(2);
        expect(await Promise.all(coreAis.map(live))).toEqual([true, true]);
      }, 10_000);
    } finally {
      await redis.quit();
    }
    // Served from memory again, which started over: the write made meanwhile is seen.
    expect(await chunksFoundByEach()).toEqual([4, 4]);
    await writeUnannounced(5);
    expect(await chunksFoundByEach()).toEqual([4, 4]);
  });

  it('does not search a deleted bot after the deletion is announced, in either process', async () => {
    expect(await chunksFoundByEach()).toEqual([4, 4]);
    expect((await owner.delete(`/api/v1/bots/${botId}`)).status).toBe(204);
    for (const coreAi of coreAis) {
      const res = await search(coreAi);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        details: [{ field: 'botId', message: 'does not exist in this workspace' }],
      });
    }
  });
});
