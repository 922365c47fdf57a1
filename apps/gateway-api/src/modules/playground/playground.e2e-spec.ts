import { serviceUrlEnvVar } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  RETURNS_KNOWLEDGE,
  type SpawnedService,
  addSnippet,
  bootService,
  sharedQueuePrefix,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

interface Tried {
  answer: string;
  attemptedAnswer: string | null;
  verdict: { haveEnoughInformation: boolean; outcome: string };
  citations: { title: string; score: number; chunkId: string }[];
  retrieved: { title: string; score: number; vectorScore: number; chunkId: string; text: string }[];
  provider: string;
  model: string;
  answerability: {
    score: number;
    threshold: number;
    features: Record<string, number>;
    reason: string;
  } | null;
}

describe('the playground: a bot’s answer with its verdict and sources, outside any conversation', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let owner: ApiClient;
  let botId: string;
  let silentBotId: string;

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX });
    gateway = await bootService(gatewayApiService, {
      QUEUE_PREFIX,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
    owner = await ApiClient.signUp(gateway.url);
    botId = (await owner.post<{ id: string }>('/api/v1/bots', { name: 'Shoe bot' })).body.id;
    silentBotId = (
      await owner.post<{ id: string }>('/api/v1/bots', {
        name: 'Quiet bot',
        typeReplyUnknown: 'NO_REPLY',
      })
    ).body.id;
    await addSnippet(owner, coreAi.url, botId, RETURNS_KNOWLEDGE);
    await addSnippet(owner, coreAi.url, silentBotId, RETURNS_KNOWLEDGE);
  });

  afterAll(async () => {
    await gateway?.close();
    await coreAi?.close();
  });

  it('answers from the knowledge, says it knew, and shows what it cited with its scores', async () => {
    const res = await owner.post<Tried>(`/api/v1/bots/${botId}/playground`, {
      question: 'How many days do I have to return my boots?',
    });
    expect(res.status).toBe(200);
    expect(res.body.answer).toMatch(/30 days/);
    expect(res.body.verdict).toEqual({ haveEnoughInformation: true, outcome: 'answered' });
    expect(res.body.citations[0]).toMatchObject({ title: RETURNS_KNOWLEDGE.title });
    expect(res.body.retrieved.length).toBeGreaterThan(0);
    expect(res.body.retrieved[0]).toMatchObject({ title: RETURNS_KNOWLEDGE.title });
    const scores = res.body.retrieved.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(0);
    expect(
      res.body.citations.every((c) => res.body.retrieved.some((h) => h.chunkId === c.chunkId)),
    ).toBe(true);
    expect(res.body.provider).toBe('local');
    // Why: the score at or above the bot's threshold, from the evidence it shows.
    const why = res.body.answerability!;
    expect(why.score).toBeGreaterThanOrEqual(why.threshold);
    expect(why.features).toMatchObject({ coverage: expect.any(Number) });
    expect(why.reason).toMatch(/^answer/);
  });

  it('under NO_REPLY shows the silence, and the attempt the customer would not have seen', async () => {
    const res = await owner.post<Tried>(`/api/v1/bots/${silentBotId}/playground`, {
      question: 'Can I pay with cryptocurrency like bitcoin?',
    });
    expect(res.status).toBe(200);
    expect(res.body.verdict).toEqual({ haveEnoughInformation: false, outcome: 'silent' });
    expect(res.body.answer).toBe('');
    expect(res.body.attemptedAnswer).toEqual(expect.any(String));
    expect(res.body.answerability!.score).toBeLessThan(res.body.answerability!.threshold);
  });

  it('stores nothing: no conversation, no customer', async () => {
    await owner.post(`/api/v1/bots/${botId}/playground`, { question: 'Where do refunds go?' });
    const conversations = await owner.get<{ items: unknown[] }>('/api/v1/conversations');
    const customers = await owner.get<{ items: unknown[] }>('/api/v1/customers');
    expect(conversations.body.items).toEqual([]);
    expect(customers.body.items).toEqual([]);
  });

  it('searches the knowledge with every score, best first', async () => {
    const res = await owner.post<{ items: Tried['retrieved']; tookMs: number }>(
      `/api/v1/bots/${botId}/knowledge-search`,
      { query: 'prepaid label post office' },
    );
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ title: RETURNS_KNOWLEDGE.title });
    expect(res.body.items[0]!.text).toContain('prepaid label');
    expect(res.body.items[0]!.vectorScore).toEqual(expect.any(Number));
    expect(res.body.tookMs).toEqual(expect.any(Number));
  });

  it('names the offending field, and keeps other workspaces’ bots out of reach', async () => {
    const empty = await owner.post<{ details: { field: string }[] }>(
      `/api/v1/bots/${botId}/playground`,
      { question: '' },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.details.map((d) => d.field)).toEqual(['question']);
    const badTurn = await owner.post<{ details: { field: string }[] }>(
      `/api/v1/bots/${botId}/playground`,
      { question: 'hi', history: [{ role: 'agent', text: 'x' }] },
    );
    expect(badTurn.status).toBe(400);
    expect(badTurn.body.details[0]!.field).toMatch(/^history\.0\.role$/);

    const stranger = await ApiClient.signUp(gateway.url);
    const res = await stranger.post(`/api/v1/bots/${botId}/playground`, { question: 'hello' });
    expect(res.status).toBe(404);
    const search = await stranger.post(`/api/v1/bots/${botId}/knowledge-search`, { query: 'x' });
    expect(search.status).toBe(404);
  });

  it('says how the answer engine failed when core-ai cannot be reached', async () => {
    const orphan = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: 'http://127.0.0.1:9',
    });
    try {
      const client = new ApiClient(orphan.url).withBearer(owner.session!.accessToken);
      const res = await client.post<{ message: string }>(`/api/v1/bots/${botId}/playground`, {
        question: 'How do returns work?',
      });
      expect(res.status).toBe(502);
      expect(res.body.message).toMatch(/^The answer engine failed: /);
    } finally {
      await orphan.close();
    }
  });
});
