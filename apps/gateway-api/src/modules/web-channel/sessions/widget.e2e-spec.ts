import { createHmac } from 'node:crypto';
import { SocketNamespaces } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  countQueries,
  signInAsNewMember,
} from '@cxgenie/testing';
import {
  BotChannelRepository,
  ChannelCustomerRepository,
  TenantConnections,
} from '@cxgenie/database';
import { gatewayApiService } from '../../../gateway-api.service';

interface SessionBody {
  sessionToken: string;
  customerId: string;
  externalId: string;
  botId: string;
  channelId: string;
  expiresIn: number;
}
interface BotBody {
  id: string;
  name: string;
  publicKey: string;
  activeChannels: { id: string; type: string }[];
}
interface ErrorBody {
  statusCode: number;
  message: string;
  details: { field: string; message: string }[];
}

describe('widget sessions', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let anonymous: ApiClient;

  const createBot = async (client: ApiClient, body: Record<string, unknown> = {}) => {
    const res = await client.post<BotBody>('/api/v1/bots', { name: 'Website bot', ...body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const startSession = async (body: Record<string, unknown>) => {
    const res = await anonymous.post<SessionBody>('/api/v1/widget/sessions', body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const webChannelsOf = (botId: string) =>
    tenants.control.Channel.findAll({ where: { botId, type: 'web' } });

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    anonymous = new ApiClient(gateway.url);
  });

  afterAll(() => gateway.close());

  it("starts an anonymous session, creating the bot's web channel and a customer", async () => {
    const bot = await createBot(owner);
    const session = await startSession({ botKey: bot.publicKey });
    expect(session).toMatchObject({
      sessionToken: expect.any(String),
      customerId: expect.any(String),
      externalId: expect.stringMatching(/^anon_[A-Za-z0-9_-]{24}$/),
      botId: bot.id,
      channelId: expect.any(String),
      expiresIn: 24 * 3600,
    });

    const [channel] = await webChannelsOf(bot.id);
    expect(channel).toMatchObject({
      id: session.channelId,
      name: 'Web widget',
      workspaceId: owner.session!.workspaceId,
      isActive: true,
    });
    expect(channel.webhookSecretEncrypted).toEqual(expect.any(String));
    const customer = await tenants.control.Customer.findByPk(session.customerId);
    expect(customer?.workspaceId).toBe(owner.session!.workspaceId);
    const identity = await tenants.control.CustomerIdentity.findOne({
      where: { channelId: channel.id, externalId: session.externalId },
    });
    expect(identity?.customerId).toBe(session.customerId);

    const shown = await owner.get<BotBody>(`/api/v1/bots/${bot.id}`);
    expect(shown.body.activeChannels).toEqual([{ id: channel.id, type: 'web' }]);
  });

  it('resumes the same customer for the same externalId, on the same channel', async () => {
    const bot = await createBot(owner);
    const first = await startSession({ botKey: bot.publicKey });
    const again = await startSession({
      botKey: bot.publicKey,
      customer: { externalId: first.externalId },
    });
    expect(again).toMatchObject({
      customerId: first.customerId,
      externalId: first.externalId,
      channelId: first.channelId,
    });
    const stranger = await startSession({ botKey: bot.publicKey });
    expect(stranger.customerId).not.toBe(first.customerId);
    expect(stranger.externalId).not.toBe(first.externalId);
    expect(stranger.channelId).toBe(first.channelId);
    expect(await webChannelsOf(bot.id)).toHaveLength(1);
  });

  /** What the bot's site does on its server: sign the visitor id with the bot's secret. */
  const identitySecretOf = async (botId: string) => {
    const res = await owner.post<{ identitySecret: string }>(
      `/api/v1/bots/${botId}/identity-secret`,
    );
    expect(res.status).toBe(201);
    return res.body.identitySecret;
  };
  const sign = (secret: string, externalId: string) =>
    createHmac('sha256', secret).update(externalId).digest('hex');

  it("keeps the site's own visitor ids and profile when the site signs them", async () => {
    const bot = await createBot(owner);
    const secret = await identitySecretOf(bot.id);
    const customer = {
      externalId: 'user-42',
      userHash: sign(secret, 'user-42'),
      name: 'Grace',
      email: 'grace@example.test',
      locale: 'en-GB',
    };
    const session = await startSession({ botKey: bot.publicKey, customer });
    expect(session.externalId).toBe('user-42');
    const row = await tenants.control.Customer.findByPk(session.customerId);
    expect(row).toMatchObject({ name: 'Grace', email: 'grace@example.test', locale: 'en-GB' });

    const resumed = await startSession({
      botKey: bot.publicKey,
      customer: { externalId: 'user-42', userHash: sign(secret, 'user-42') },
    });
    expect(resumed.customerId).toBe(session.customerId);
    // The same visitor id on another bot's widget is another channel, so another customer.
    const otherBot = await createBot(owner);
    const otherSecret = await identitySecretOf(otherBot.id);
    const elsewhere = await startSession({
      botKey: otherBot.publicKey,
      customer: { externalId: 'user-42', userHash: sign(otherSecret, 'user-42') },
    });
    expect(elsewhere.customerId).not.toBe(session.customerId);
    expect(elsewhere.channelId).not.toBe(session.channelId);
    // The bot's view says verification is set up (the secret itself never shows again).
    const shown = await owner.get<BotBody & { identityVerification: unknown }>(
      `/api/v1/bots/${bot.id}`,
    );
    expect(shown.body.identityVerification).toEqual({ configured: true, required: false });
    expect(JSON.stringify(shown.body)).not.toContain(secret);
  });

  describe('visitor identity (the public key is on every page, so an id alone proves nothing)', () => {
    it("never resumes another visitor's customer from an unsigned id", async () => {
      const bot = await createBot(owner);
      const secret = await identitySecretOf(bot.id);
      const victim = await startSession({
        botKey: bot.publicKey,
        customer: {
          externalId: 'alice@example.test',
          userHash: sign(secret, 'alice@example.test'),
        },
      });
      const sent = await new ApiClient(gateway.url)
        .withBearer(victim.sessionToken)
        .post('/api/v1/widget/messages', { text: 'My card number ends in 4242' });
      expect(sent.status).toBe(202);

      const attacker = await startSession({
        botKey: bot.publicKey,
        customer: { externalId: 'alice@example.test' },
      });
      expect(attacker.customerId).not.toBe(victim.customerId);
      expect(attacker.externalId).toMatch(/^anon_/);
      // Reconnecting from sequence 0 replays the attacker's own (empty) conversation only.
      const { socket, created } = await connectSocket(gateway.url, SocketNamespaces.Customer, {
        token: attacker.sessionToken,
        lastSeq: 0,
      });
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(created).toEqual([]);
      } finally {
        socket.close();
      }
    });

    it('refuses a signature that does not match, naming the field', async () => {
      const bot = await createBot(owner);
      const secret = await identitySecretOf(bot.id);
      const res = await anonymous.post<ErrorBody>('/api/v1/widget/sessions', {
        botKey: bot.publicKey,
        customer: { externalId: 'user-1', userHash: sign(secret, 'user-2') },
      });
      expect(res.status).toBe(401);
      expect(res.body.details.map((d) => d.field)).toEqual(['customer.userHash']);
      // Signed with a secret that was replaced since: no longer valid either.
      const replaced = await identitySecretOf(bot.id);
      expect(replaced).not.toBe(secret);
      const stale = await anonymous.post('/api/v1/widget/sessions', {
        botKey: bot.publicKey,
        customer: { externalId: 'user-1', userHash: sign(secret, 'user-1') },
      });
      expect(stale.status).toBe(401);
    });

    it('refuses unsigned visitors when the bot requires verified identities', async () => {
      const bot = await createBot(owner, { requireVerifiedIdentity: true });
      const secret = await identitySecretOf(bot.id);
      for (const customer of [undefined, { externalId: 'user-7' }]) {
        const res = await anonymous.post<ErrorBody>('/api/v1/widget/sessions', {
          botKey: bot.publicKey,
          ...(customer && { customer }),
        });
        expect(res.status).toBe(401);
        expect(res.body.message).toMatch(/verified visitors only/);
      }
      const signed = await startSession({
        botKey: bot.publicKey,
        customer: { externalId: 'user-7', userHash: sign(secret, 'user-7') },
      });
      expect(signed.externalId).toBe('user-7');
    });

    it('resumes an anonymous visitor by their own token only, never by one they made up', async () => {
      const bot = await createBot(owner);
      const first = await startSession({ botKey: bot.publicKey });
      const back = await startSession({
        botKey: bot.publicKey,
        customer: { externalId: first.externalId },
      });
      expect(back.customerId).toBe(first.customerId);
      const madeUp = await startSession({
        botKey: bot.publicKey,
        customer: { externalId: 'anon_chosen-by-the-client' },
      });
      expect(madeUp.externalId).not.toBe('anon_chosen-by-the-client');
      expect(madeUp.customerId).not.toBe(first.customerId);
    });
  });

  it('uses the web channel the bot already has', async () => {
    const bot = await createBot(owner);
    const created = await owner.post<{ id: string }>('/api/v1/channels', {
      type: 'web',
      name: 'Docs site',
      botId: bot.id,
    });
    expect(created.status).toBe(201);
    const session = await startSession({ botKey: bot.publicKey });
    expect(session.channelId).toBe(created.body.id);
    expect(await webChannelsOf(bot.id)).toHaveLength(1);
  });

  it('resolves concurrent first visits of one verified visitor to one channel and one customer', async () => {
    const bot = await createBot(owner);
    const secret = await identitySecretOf(bot.id);
    const visitor = { externalId: 'same-visitor', userHash: sign(secret, 'same-visitor') };
    const sessions = await Promise.all(
      Array.from({ length: 6 }, () => startSession({ botKey: bot.publicKey, customer: visitor })),
    );
    expect(new Set(sessions.map((s) => s.customerId)).size).toBe(1);
    expect(new Set(sessions.map((s) => s.channelId)).size).toBe(1);
    expect(await webChannelsOf(bot.id)).toHaveLength(1);
  });

  // HTTP requests arrive too staggered to race reliably; the repositories are raced directly.
  it('serialises find-or-create of the channel and of the customer', async () => {
    const bot = await createBot(owner);
    const scope = await tenants.scope(owner.session!.workspaceId);
    const channels = new BotChannelRepository();
    const customers = new ChannelCustomerRepository();
    const raced = await Promise.all(
      Array.from({ length: 10 }, () =>
        channels.findOrCreateForBot(scope, bot.id, 'web', () => ({
          name: 'Web widget',
          webhookSecretEncrypted: 'v1.unused',
        })),
      ),
    );
    expect(new Set(raced.map((c) => c.id)).size).toBe(1);
    expect(await webChannelsOf(bot.id)).toHaveLength(1);

    const visits = await Promise.all(
      Array.from({ length: 10 }, () => customers.findOrCreate(scope, raced[0].id, 'racer')),
    );
    expect(new Set(visits.map((v) => v.customer.id)).size).toBe(1);
    expect(visits.filter((v) => v.created)).toHaveLength(1);
  });

  it('finds an existing channel without taking the creation lock', async () => {
    const bot = await createBot(owner);
    const scope = await tenants.scope(owner.session!.workspaceId);
    const channels = new BotChannelRepository();
    const defaults = () => ({ name: 'Web widget', webhookSecretEncrypted: 'v1.unused' });
    const made = await channels.findOrCreateForBot(scope, bot.id, 'web', defaults);

    const { result, queries } = await countQueries(scope.sequelize, () =>
      channels.findOrCreateForBot(scope, bot.id, 'web', defaults),
    );
    expect(result.id).toBe(made.id);
    expect(queries.filter((q) => q.includes('pg_advisory_xact_lock'))).toEqual([]);
    expect(queries).toHaveLength(1);
  });

  it('answers 404 for an unknown, rotated-away, inactive or deleted bot, or a switched-off widget', async () => {
    const unknown = await anonymous.post<ErrorBody>('/api/v1/widget/sessions', {
      botKey: 'pk_doesnotexist',
    });
    expect(unknown.status).toBe(404);

    const rotated = await createBot(owner);
    await owner.post(`/api/v1/bots/${rotated.id}/rotate-public-key`);
    const old = await anonymous.post('/api/v1/widget/sessions', { botKey: rotated.publicKey });
    expect(old.status).toBe(404);

    const inactive = await createBot(owner, { isActive: false });
    const deleted = await createBot(owner);
    await owner.delete(`/api/v1/bots/${deleted.id}`);
    const switchedOff = await createBot(owner);
    await owner.post('/api/v1/channels', {
      type: 'web',
      name: 'Off',
      botId: switchedOff.id,
      isActive: false,
    });
    for (const bot of [inactive, deleted, switchedOff]) {
      const res = await anonymous.post<ErrorBody>('/api/v1/widget/sessions', {
        botKey: bot.publicKey,
      });
      expect(res.status).toBe(404);
      expect(res.body.message).toBe(unknown.body.message);
    }
    expect(await webChannelsOf(inactive.id)).toHaveLength(0);
    expect(await webChannelsOf(deleted.id)).toHaveLength(0);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing bot key', { botKey: undefined }, 'botKey'],
    ['an invalid email', { customer: { email: 'not-an-email' } }, 'customer.email'],
    ['an externalId with spaces', { customer: { externalId: 'a b' } }, 'customer.externalId'],
    ['an empty externalId', { customer: { externalId: '' } }, 'customer.externalId'],
    ['an invalid locale', { customer: { locale: 'english!' } }, 'customer.locale'],
    ['an unknown customer field', { customer: { phone: '123' } }, 'customer.phone'],
    [
      'a workspace of our own',
      { workspaceId: '00000000-0000-4000-8000-000000000000' },
      'workspaceId',
    ],
  ])('rejects %s, naming the field', async (_label, body, field) => {
    const res = await anonymous.post<ErrorBody>('/api/v1/widget/sessions', {
      botKey: 'pk_whatever',
      ...body,
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toContain(field);
  });

  it("shows the session's customer and bot to the widget, and only to the widget", async () => {
    const bot = await createBot(owner, { name: 'Helpful bot' });
    const session = await startSession({
      botKey: bot.publicKey,
      customer: { name: 'Ada', email: 'ada@example.test' },
    });
    const widget = new ApiClient(gateway.url).withBearer(session.sessionToken);
    const res = await widget.get('/api/v1/widget/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      customer: { id: session.customerId, name: 'Ada', email: 'ada@example.test', locale: null },
      bot: { id: bot.id, name: 'Helpful bot' },
    });

    expect((await anonymous.get('/api/v1/widget/session')).status).toBe(401);
    const dashboard = await owner.get<ErrorBody>('/api/v1/widget/session');
    expect(dashboard.status).toBe(403);
    const agent = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    expect((await agent.get('/api/v1/widget/session')).status).toBe(403);
  });

  it('refuses a widget token on dashboard routes', async () => {
    const bot = await createBot(owner);
    const session = await startSession({ botKey: bot.publicKey });
    const widget = new ApiClient(gateway.url).withBearer(session.sessionToken);
    const attempts = [
      await widget.get('/api/v1/bots'),
      await widget.get(`/api/v1/bots/${bot.id}`),
      await widget.get('/api/v1/channels'),
      await widget.post('/api/v1/bots', { name: 'Widget bot' }),
      await widget.get('/api/v1/auth/me'),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect(attempts[0].body).toMatchObject({ message: 'A widget session cannot call this route' });
  });
});
