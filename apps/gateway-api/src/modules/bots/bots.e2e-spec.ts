import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { type KnowledgePurgeJobData, QueueNames } from '@cxgenie/contracts';
import { ApiClient, type BootedService, bootService, signInAsNewMember } from '@cxgenie/testing';
import { TenantConnections } from '@cxgenie/database';
import { gatewayApiService } from '../../gateway-api.service';

interface BotBody {
  id: string;
  name: string;
  publicKey: string;
  llmProvider: string;
  llmModel: string;
  systemPrompt: string;
  temperature: number;
  language: string;
  typeReplyUnknown: string;
  fallbackMessage: string;
  handoffPhrases: string[];
  handoffOnUnknown: boolean;
  knowledgeSettings: Record<string, unknown>;
  smallTalk: Record<string, unknown>;
  isActive: boolean;
  activeChannels: { id: string; type: string }[];
  createdAt: string;
  updatedAt: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface ErrorBody {
  statusCode: number;
  message: string;
  details: { field: string; message: string }[];
}

// Any workspace id in a body is refused, whether or not it names a workspace.
const ANY_WORKSPACE_ID = '00000000-0000-4000-8000-000000000000';

const fieldsOf = (body: unknown): string[] => (body as ErrorBody).details.map((d) => d.field);

describe('bots', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let admin: ApiClient;
  let agent: ApiClient;
  let other: ApiClient;

  const createBot = async (client: ApiClient, body: Record<string, unknown> = {}) => {
    const res = await client.post<BotBody>('/api/v1/bots', { name: 'Support bot', ...body });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    admin = await signInAsNewMember(gateway, owner.session!.workspaceId, 'admin');
    agent = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    other = await ApiClient.signUp(gateway.url);
  });

  afterAll(() => gateway.close());

  it('creates a bot with the defaults, a public key and no channels yet', async () => {
    const bot = await createBot(owner, { name: '  Support bot  ' });
    expect(bot).toMatchObject({
      name: 'Support bot',
      llmProvider: 'local',
      llmModel: 'local-extractive',
      systemPrompt: '',
      temperature: 0.2,
      language: 'en',
      typeReplyUnknown: 'INPUT_ANSWER',
      handoffPhrases: [],
      handoffOnUnknown: false,
      knowledgeSettings: {},
      smallTalk: {},
      isActive: true,
      activeChannels: [],
    });
    expect(bot.fallbackMessage.trim()).not.toBe('');
    expect(bot.publicKey).toMatch(/^pk_[A-Za-z0-9_-]{24}$/);
    expect(bot).not.toHaveProperty('workspaceId');
    expect(bot).not.toHaveProperty('deletedAt');

    const row = await tenants.control.Bot.findByPk(bot.id);
    expect(row?.workspaceId).toBe(owner.session!.workspaceId);
    expect(row?.publicKey).toBe(bot.publicKey);
  });

  it('stores every setting given, and reads it back', async () => {
    const settings = {
      name: 'Sales bot',
      llmProvider: 'anthropic',
      llmModel: 'claude-3-5-haiku',
      systemPrompt: 'You sell things politely.',
      temperature: 0.7,
      language: 'pt-BR',
      typeReplyUnknown: 'AI_GENERATE',
      fallbackMessage: 'One moment please.',
      handoffPhrases: ['human please', 'agent'],
      handoffOnUnknown: true,
      knowledgeSettings: {
        topK: 8,
        faqBoost: 1.5,
        recencyHalfLifeDays: 30,
        hybridSearch: true,
        maxContextTokens: 4000,
        targetFalseAnswerRate: 0.1,
        rerank: 'llm',
      },
      smallTalk: {
        enabled: true,
        intents: ['greeting', 'thanks'],
        replies: { greeting: 'Olá! Em que posso ajudar?' },
      },
      isActive: false,
    };
    const created = await createBot(admin, settings);
    expect(created).toMatchObject(settings);
    const read = await agent.get<BotBody & { knowledgeIndex: unknown }>(
      `/api/v1/bots/${created.id}`,
    );
    expect(read.status).toBe(200);
    // The read adds the index status, tested in its own spec with core-ai running.
    expect(read.body).toEqual({ ...created, knowledgeIndex: read.body.knowledgeIndex });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty name', { name: '' }, 'name'],
    ['a name over 120 characters', { name: 'x'.repeat(121) }, 'name'],
    ['an unknown provider', { llmProvider: 'gpt' }, 'llmProvider'],
    ['an empty model', { llmModel: '' }, 'llmModel'],
    [
      'a model its provider does not serve',
      { llmProvider: 'openai', llmModel: 'gpt-9' },
      'llmModel',
    ],
    ["another provider's model", { llmProvider: 'anthropic', llmModel: 'gpt-4o' }, 'llmModel'],
    ['a model for the local provider', { llmModel: 'gpt-4o-mini' }, 'llmModel'],
    ['a system prompt over 20000 characters', { systemPrompt: 'x'.repeat(20001) }, 'systemPrompt'],
    ['a temperature above 2', { temperature: 2.5 }, 'temperature'],
    ['a negative temperature', { temperature: -0.1 }, 'temperature'],
    ['a temperature given as text', { temperature: '1' }, 'temperature'],
    ['a language that is not a tag', { language: 'english please' }, 'language'],
    ['a one-letter language', { language: 'e' }, 'language'],
    ['an unknown reply policy', { typeReplyUnknown: 'GUESS' }, 'typeReplyUnknown'],
    ['a fallback over 2000 characters', { fallbackMessage: 'x'.repeat(2001) }, 'fallbackMessage'],
    ['more than 50 handoff phrases', { handoffPhrases: Array(51).fill('human') }, 'handoffPhrases'],
    ['an empty handoff phrase', { handoffPhrases: ['human', ''] }, 'handoffPhrases'],
    [
      'a handoff phrase over 200 characters',
      { handoffPhrases: ['x'.repeat(201)] },
      'handoffPhrases',
    ],
    ['a topK of 0', { knowledgeSettings: { topK: 0 } }, 'knowledgeSettings.topK'],
    ['a fractional topK', { knowledgeSettings: { topK: 2.5 } }, 'knowledgeSettings.topK'],
    ['a faqBoost above 5', { knowledgeSettings: { faqBoost: 6 } }, 'knowledgeSettings.faqBoost'],
    [
      'a half-life above ten years',
      { knowledgeSettings: { recencyHalfLifeDays: 3651 } },
      'knowledgeSettings.recencyHalfLifeDays',
    ],
    [
      'hybridSearch as text',
      { knowledgeSettings: { hybridSearch: 'yes' } },
      'knowledgeSettings.hybridSearch',
    ],
    [
      'a context below 256 tokens',
      { knowledgeSettings: { maxContextTokens: 100 } },
      'knowledgeSettings.maxContextTokens',
    ],
    [
      'an unknown knowledge setting',
      { knowledgeSettings: { depth: 3 } },
      'knowledgeSettings.depth',
    ],
    ['knowledge settings as an array', { knowledgeSettings: [] }, 'knowledgeSettings'],
    [
      'a target false-answer rate above 50 %',
      { knowledgeSettings: { targetFalseAnswerRate: 0.6 } },
      'knowledgeSettings.targetFalseAnswerRate',
    ],
    ['an unknown re-ranker', { knowledgeSettings: { rerank: 'gpu' } }, 'knowledgeSettings.rerank'],
    ['an unknown small-talk intent', { smallTalk: { intents: ['weather'] } }, 'smallTalk.intents'],
    [
      'a small-talk reply over 1000 characters',
      { smallTalk: { replies: { thanks: 'x'.repeat(1001) } } },
      'smallTalk.replies.thanks',
    ],
    ['small talk switched on as text', { smallTalk: { enabled: 'yes' } }, 'smallTalk.enabled'],
    ['a public key of our own', { publicKey: 'pk_mine' }, 'publicKey'],
    ['a workspace of our own', { workspaceId: ANY_WORKSPACE_ID }, 'workspaceId'],
  ])('rejects %s, naming the field', async (_label, body, field) => {
    const before = await tenants.control.Bot.count({
      where: { workspaceId: owner.session!.workspaceId },
    });
    const res = await owner.post('/api/v1/bots', { name: 'Bot', ...body });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(field);
    expect(
      await tenants.control.Bot.count({ where: { workspaceId: owner.session!.workspaceId } }),
    ).toBe(before);
  });

  it('requires a non-blank fallback message for INPUT_ANSWER, on create and after a PATCH merge', async () => {
    const blank = await owner.post('/api/v1/bots', {
      name: 'Bot',
      typeReplyUnknown: 'INPUT_ANSWER',
      fallbackMessage: '   ',
    });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({
      details: [{ field: 'fallbackMessage', message: expect.stringContaining('INPUT_ANSWER') }],
    });
    // The policy defaults to INPUT_ANSWER, so an empty fallback alone is refused too.
    const defaulted = await owner.post('/api/v1/bots', { name: 'Bot', fallbackMessage: '' });
    expect(defaulted.status).toBe(400);
    expect(fieldsOf(defaulted.body)).toEqual(['fallbackMessage']);

    const silent = await createBot(owner, { typeReplyUnknown: 'NO_REPLY', fallbackMessage: '' });
    expect(silent.fallbackMessage).toBe('');

    const switched = await owner.patch(`/api/v1/bots/${silent.id}`, {
      typeReplyUnknown: 'INPUT_ANSWER',
    });
    expect(switched.status).toBe(400);
    expect(fieldsOf(switched.body)).toEqual(['fallbackMessage']);
    expect((await tenants.control.Bot.findByPk(silent.id))?.typeReplyUnknown).toBe('NO_REPLY');

    const answering = await createBot(owner);
    const emptied = await owner.patch(`/api/v1/bots/${answering.id}`, { fallbackMessage: '' });
    expect(emptied.status).toBe(400);
    expect(fieldsOf(emptied.body)).toEqual(['fallbackMessage']);

    const both = await owner.patch<BotBody>(`/api/v1/bots/${silent.id}`, {
      typeReplyUnknown: 'INPUT_ANSWER',
      fallbackMessage: 'Let me find a teammate.',
    });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({
      typeReplyUnknown: 'INPUT_ANSWER',
      fallbackMessage: 'Let me find a teammate.',
    });
  });

  it('patches only the fields given and merges knowledge settings (null resets one)', async () => {
    const bot = await createBot(owner, {
      temperature: 0.5,
      knowledgeSettings: { topK: 5, hybridSearch: true },
    });
    const res = await admin.patch<BotBody>(`/api/v1/bots/${bot.id}`, {
      name: ' Renamed ',
      knowledgeSettings: { faqBoost: 2, topK: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Renamed',
      temperature: 0.5,
      publicKey: bot.publicKey,
      knowledgeSettings: { hybridSearch: true, faqBoost: 2 },
    });
    expect(res.body.knowledgeSettings).not.toHaveProperty('topK');
    const row = await tenants.control.Bot.findByPk(bot.id);
    expect(row?.knowledgeSettings).toEqual({ hybridSearch: true, faqBoost: 2 });
  });

  it('refuses nulls for required settings and never patches the public key', async () => {
    const bot = await createBot(owner);
    const nulled = await owner.patch(`/api/v1/bots/${bot.id}`, { name: null, temperature: null });
    expect(nulled.status).toBe(400);
    expect(fieldsOf(nulled.body)).toEqual(expect.arrayContaining(['name', 'temperature']));

    const keyed = await owner.patch(`/api/v1/bots/${bot.id}`, { publicKey: 'pk_chosen' });
    expect(keyed.status).toBe(400);
    expect(fieldsOf(keyed.body)).toEqual(['publicKey']);
    expect((await tenants.control.Bot.findByPk(bot.id))?.publicKey).toBe(bot.publicKey);
  });

  it('rotates the public key', async () => {
    const bot = await createBot(owner);
    const res = await admin.post<BotBody>(`/api/v1/bots/${bot.id}/rotate-public-key`);
    expect(res.status).toBe(200);
    expect(res.body.publicKey).toMatch(/^pk_/);
    expect(res.body.publicKey).not.toBe(bot.publicKey);
    expect((await tenants.control.Bot.findByPk(bot.id))?.publicKey).toBe(res.body.publicKey);
    expect(await tenants.control.Bot.count({ where: { publicKey: bot.publicKey } })).toBe(0);
  });

  it('shows the active channels of each bot, loaded in one query for a whole page', async () => {
    const client = await ApiClient.signUp(gateway.url);
    const bots: BotBody[] = [];
    for (let i = 0; i < 4; i++) bots.push(await createBot(client, { name: `Bot ${i}` }));
    const channel = async (botId: string, type: string, extra: Record<string, unknown> = {}) => {
      const res = await client.post<{ id: string }>('/api/v1/channels', {
        type,
        name: `${type} channel`,
        botId,
        ...extra,
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const telegram = await channel(bots[0].id, 'telegram', {
      credentials: { botToken: '123456:AAbotTokenFromBotFather01' },
    });
    const web = await channel(bots[0].id, 'web');
    await channel(bots[0].id, 'email', {
      isActive: false,
      settings: { addresses: [`bots-${Date.now().toString(36)}@acme.test`] },
    });
    const otherWeb = await channel(bots[2].id, 'web');

    const one = await client.get<BotBody>(`/api/v1/bots/${bots[0].id}`);
    expect(one.body.activeChannels).toEqual([
      { id: telegram, type: 'telegram' },
      { id: web, type: 'web' },
    ]);

    const channelQueries: string[] = [];
    const record = (_options: unknown, query: unknown) => {
      const sql = (query as { sql?: string }).sql ?? '';
      if (/FROM "channels"/.test(sql)) channelQueries.push(sql);
    };
    tenants.sequelize.addHook('afterQuery', record);
    let page: Page<BotBody>;
    try {
      page = (await client.get<Page<BotBody>>('/api/v1/bots?limit=10')).body;
    } finally {
      tenants.sequelize.removeHook('afterQuery', record as never);
    }
    expect(channelQueries).toHaveLength(1);
    const byId = new Map(page.items.map((b) => [b.id, b.activeChannels]));
    expect(byId.get(bots[0].id)).toHaveLength(2);
    expect(byId.get(bots[1].id)).toEqual([]);
    expect(byId.get(bots[2].id)).toEqual([{ id: otherWeb, type: 'web' }]);
    expect(byId.get(bots[3].id)).toEqual([]);
  });

  it('lists in pages that do not overlap', async () => {
    const client = await ApiClient.signUp(gateway.url);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createBot(client, { name: `Bot ${i}` })).id);
    const first = await client.get<Page<BotBody>>('/api/v1/bots?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await client.get<Page<BotBody>>(
      `/api/v1/bots?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const seen = [...first.body.items, ...second.body.items].map((b) => b.id);
    expect(new Set(seen).size).toBe(3);
    expect(seen.sort()).toEqual([...ids].sort());
    // Newest first.
    expect(first.body.items[0].id).toBe(ids[2]);

    const badCursor = await client.get('/api/v1/bots?cursor=nonsense');
    expect(badCursor.status).toBe(400);
    expect(fieldsOf(badCursor.body)).toEqual(['cursor']);
    const badLimit = await client.get('/api/v1/bots?limit=1000');
    expect(badLimit.status).toBe(400);
    expect(fieldsOf(badLimit.body)).toEqual(['limit']);
  });

  it('lets agents read but not write', async () => {
    const bot = await createBot(owner);
    expect((await agent.get(`/api/v1/bots/${bot.id}`)).status).toBe(200);
    expect((await agent.get('/api/v1/bots')).status).toBe(200);
    const attempts = [
      await agent.post('/api/v1/bots', { name: 'Agent bot' }),
      await agent.patch(`/api/v1/bots/${bot.id}`, { name: 'Agent rename' }),
      await agent.delete(`/api/v1/bots/${bot.id}`),
      await agent.post(`/api/v1/bots/${bot.id}/rotate-public-key`),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    const row = await tenants.control.Bot.findByPk(bot.id);
    expect(row).toMatchObject({ name: bot.name, publicKey: bot.publicKey });
    expect(await tenants.control.Bot.count({ where: { name: 'Agent bot' } })).toBe(0);
  });

  it("answers 404 for another workspace's bot and leaves it unchanged", async () => {
    const bot = await createBot(owner, { name: `Private ${randomBytes(3).toString('hex')}` });
    const attempts = [
      await other.get(`/api/v1/bots/${bot.id}`),
      await other.patch(`/api/v1/bots/${bot.id}`, { name: 'Hijacked' }),
      await other.post(`/api/v1/bots/${bot.id}/rotate-public-key`),
      await other.delete(`/api/v1/bots/${bot.id}`),
    ];
    expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(attempts[0].body).toMatchObject({ message: 'Bot not found' });
    const listed = await other.get<Page<BotBody>>('/api/v1/bots?limit=100');
    expect(listed.body.items.map((b) => b.id)).not.toContain(bot.id);
    const row = await tenants.control.Bot.findByPk(bot.id);
    expect(row).toMatchObject({ name: bot.name, publicKey: bot.publicKey, deletedAt: null });
  });

  it('replaces the small-talk settings on PATCH and hands them to the answers', async () => {
    const bot = await createBot(owner, { smallTalk: { intents: ['greeting'] } });
    const res = await owner.patch<BotBody>(`/api/v1/bots/${bot.id}`, {
      smallTalk: { enabled: false },
    });
    expect(res.body.smallTalk).toEqual({ enabled: false });
    const row = await tenants.control.Bot.findByPk(bot.id);
    expect(row?.smallTalk).toEqual({ enabled: false });
  });

  it('soft-deletes, and has its knowledge purged from the search index', async () => {
    const purges = gateway.app.get<Queue<KnowledgePurgeJobData>>(
      getQueueToken(QueueNames.KnowledgePurge),
    );
    const bot = await createBot(owner);
    const res = await admin.delete(`/api/v1/bots/${bot.id}`);
    expect(res.status).toBe(204);
    const job = await purges.getJob(`knowledge-purge:${bot.id}`);
    expect(job?.data).toMatchObject({ workspaceId: owner.session!.workspaceId, botId: bot.id });
    expect((await owner.get(`/api/v1/bots/${bot.id}`)).status).toBe(404);
    expect((await owner.patch(`/api/v1/bots/${bot.id}`, { name: 'x' })).status).toBe(404);
    expect((await owner.delete(`/api/v1/bots/${bot.id}`)).status).toBe(404);
    const listed = await owner.get<Page<BotBody>>('/api/v1/bots?limit=100');
    expect(listed.body.items.map((b) => b.id)).not.toContain(bot.id);
    const row = await tenants.control.Bot.findByPk(bot.id, { paranoid: false });
    expect(row?.deletedAt).toBeInstanceOf(Date);
  });

  it('answers 404 for ids that are not UUIDs', async () => {
    expect((await owner.get('/api/v1/bots/not-a-uuid')).status).toBe(404);
    expect((await owner.patch('/api/v1/bots/1', { name: 'x' })).status).toBe(404);
  });

  describe('models', () => {
    it("gives a provider's default model when only the provider is named, and keeps a model on a PATCH of other fields", async () => {
      const bot = await createBot(owner, { llmProvider: 'openai' });
      expect(bot.llmModel).toBe('gpt-4o-mini');
      const switched = await owner.patch<BotBody>(`/api/v1/bots/${bot.id}`, {
        llmProvider: 'anthropic',
      });
      expect(switched.status).toBe(200);
      expect(switched.body.llmModel).toBe('claude-3-5-haiku-latest');
      const dated = await owner.patch<BotBody>(`/api/v1/bots/${bot.id}`, {
        llmModel: 'claude-3-5-haiku-20241022',
      });
      expect(dated.body.llmModel).toBe('claude-3-5-haiku-20241022');
      const renamed = await owner.patch<BotBody>(`/api/v1/bots/${bot.id}`, { name: 'Renamed' });
      expect(renamed.body.llmModel).toBe('claude-3-5-haiku-20241022');
    });

    it('refuses an unknown model on a PATCH, with its code, and keeps the stored one', async () => {
      const bot = await createBot(owner, { llmProvider: 'openai', llmModel: 'gpt-4o' });
      const res = await owner.patch(`/api/v1/bots/${bot.id}`, { llmModel: 'gpt-4o-free' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'UNKNOWN_MODEL' });
      expect(fieldsOf(res.body)).toEqual(['llmModel']);
      const read = await owner.get<BotBody>(`/api/v1/bots/${bot.id}`);
      expect(read.body.llmModel).toBe('gpt-4o');
    });

    it("admits the deployment's own models from LLM_MODEL_ALLOWLIST", async () => {
      const custom = await bootService(gatewayApiService, {
        LLM_MODEL_ALLOWLIST: 'llama-3.1-70b-instruct, qwen2.5-72b',
      });
      try {
        const client = await ApiClient.signUp(custom.url);
        const res = await client.post<BotBody>('/api/v1/bots', {
          name: 'Self-hosted',
          llmProvider: 'openai',
          llmModel: 'qwen2.5-72b',
        });
        expect(res.status).toBe(201);
        expect(res.body.llmModel).toBe('qwen2.5-72b');
        const elsewhere = await owner.post('/api/v1/bots', {
          name: 'Self-hosted',
          llmProvider: 'openai',
          llmModel: 'qwen2.5-72b',
        });
        expect(elsewhere.status).toBe(400);
      } finally {
        await custom.close();
      }
    });
  });
});
