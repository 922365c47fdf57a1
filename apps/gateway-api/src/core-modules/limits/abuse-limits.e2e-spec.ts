import { ClientEvents, SocketNamespaces, serviceUrlEnvVar } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  addSnippet,
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  PARCEL_KNOWLEDGE,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

interface Session {
  sessionToken: string;
  customerId: string;
}

/** A visitor's browser, seen by the gateway (behind a trusted proxy) as coming from `address`. */
const visitorAt = (url: string, address: string, sessionToken?: string) =>
  new ApiClient(url, {
    'x-forwarded-for': `${address}, 127.0.0.1`,
    ...(sessionToken && { authorization: `Bearer ${sessionToken}` }),
  });

describe('abuse limits on anonymous widget traffic', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let botKey: string;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService, {
      TRUSTED_PROXIES: 'loopback',
      WIDGET_SESSIONS_PER_IP_PER_MIN: '3',
      WIDGET_MESSAGES_PER_VISITOR_PER_MIN: '2',
      WIDGET_MESSAGES_PER_IP_PER_MIN: '5',
    });
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ publicKey: string }>('/api/v1/bots', { name: 'Limited' });
    botKey = bot.body.publicKey;
  });
  afterAll(() => gateway.close());

  const startSession = (address: string) =>
    visitorAt(gateway.url, address).post<Session>('/api/v1/widget/sessions', { botKey });

  const storedInbound = async (customerId: string) => {
    const conversations = await tenants.control.Conversation.findAll({ where: { customerId } });
    return tenants.control.Message.count({
      where: { direction: 'inbound', conversationId: conversations.map((c) => c.id) },
    });
  };

  it('refuses a fourth session a minute from one address, saying when to retry, but not from another', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await startSession('203.0.113.10')).status);
    expect(statuses).toEqual([201, 201, 201]);
    const refused = await startSession('203.0.113.10');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_SESSIONS' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await startSession('203.0.113.11')).status).toBe(201);
  });

  it("refuses a visitor's third message a minute over REST, storing nothing of it", async () => {
    const session = (await startSession('198.51.100.20')).body;
    const visitor = visitorAt(gateway.url, '198.51.100.20', session.sessionToken);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await visitor.post('/api/v1/widget/messages', { text: `hello ${i}` })).status);
    expect(statuses).toEqual([202, 202, 429]);
    expect(await storedInbound(session.customerId)).toBe(2);
  });

  it('answers a socket send over the limit with rate_limited and when to retry', async () => {
    const session = (await startSession('198.51.100.30')).body;
    const { socket } = await connectSocket(gateway.url, SocketNamespaces.Customer, {
      token: session.sessionToken,
    });
    try {
      const acks: { ok: boolean; error?: { code: string; retryAfterMs?: number } }[] = [];
      for (let i = 0; i < 3; i++)
        acks.push(await socket.emitWithAck(ClientEvents.SendMessage, { text: `hi ${i}` }));
      expect(acks.map((a) => a.ok)).toEqual([true, true, false]);
      expect(acks[2].error).toMatchObject({ code: 'rate_limited' });
      expect(acks[2].error!.retryAfterMs).toBeGreaterThan(0);
      expect(await storedInbound(session.customerId)).toBe(2);
    } finally {
      socket.close();
    }
  });

  it('limits one address across its visitors', async () => {
    const address = '192.0.2.50';
    const statuses: number[] = [];
    for (let v = 0; v < 3; v++) {
      const session = (await startSession(address)).body;
      const visitor = visitorAt(gateway.url, address, session.sessionToken);
      for (let i = 0; i < 2; i++)
        statuses.push((await visitor.post('/api/v1/widget/messages', { text: 'q' })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });
});

describe("a workspace's daily budget of bot answers", () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let owner: ApiClient;
  let botKey: string;

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX });
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX,
      WORKSPACE_DAILY_MESSAGE_BUDGET: '2',
    });
    owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Budgeted',
    });
    botKey = bot.body.publicKey;
    await addSnippet(owner, coreAi.url, bot.body.id, PARCEL_KNOWLEDGE);
  });
  afterAll(async () => {
    await gateway.close();
    await coreAi.close();
  });

  const visitor = async () => {
    const session = await new ApiClient(gateway.url).post<Session>('/api/v1/widget/sessions', {
      botKey,
    });
    return new ApiClient(gateway.url).withBearer(session.body.sessionToken);
  };

  it('answers up to the budget, then refuses widget messages with a clear error until tomorrow, and leaves what got past for an agent', async () => {
    const conversationsOf = async () =>
      (
        await owner.get<{ items: { id: string; lastMessage?: { senderType: string } }[] }>(
          '/api/v1/conversations',
        )
      ).body.items;
    // Three visitors at once: all three pass the door (none has spent yet), two are answered.
    const visitors = await Promise.all([visitor(), visitor(), visitor()]);
    const sent = await Promise.all(
      visitors.map((v) => v.post('/api/v1/widget/messages', { text: 'Where is my parcel?' })),
    );
    expect(sent.map((r) => r.status)).toEqual([202, 202, 202]);
    const messagesOf = (id: string) =>
      owner.get<{ items: { senderType: string }[] }>(`/api/v1/conversations/${id}/messages`);
    await eventually(async () => {
      const conversations = await conversationsOf();
      expect(conversations).toHaveLength(3);
      const replies = await Promise.all(
        conversations.map(async (c) =>
          (await messagesOf(c.id)).body.items.filter((m) => m.senderType === 'bot'),
        ),
      );
      expect(replies.map((r) => r.length).sort()).toEqual([0, 1, 1]);
    }, 20_000);

    const refused = await (
      await visitor()
    ).post('/api/v1/widget/messages', { text: 'Anyone there?' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'DAILY_BUDGET_SPENT' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
  });
});
