import { randomBytes } from 'node:crypto';
import {
  ApiClient,
  type ApiResponse,
  type BootedService,
  bootService,
  signInAsNewMember,
} from '@cxgenie/testing';
import { TenantConnections } from '@cxgenie/database';
import { SecretBox } from '../../core-modules/crypto/secret-box';
import { gatewayApiService } from '../../gateway-api.service';

interface ChannelBody {
  id: string;
  type: string;
  name: string;
  botId: string | null;
  externalId: string | null;
  settings: Record<string, unknown>;
  isActive: boolean;
  configuredCredentials: string[];
  webhookPath: string;
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

const unique = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

describe('channels', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let box: SecretBox;
  let owner: ApiClient;
  let admin: ApiClient;
  let agent: ApiClient;
  let other: ApiClient;
  let botId: string;
  let otherBotId: string;
  // Every response body but those of rotate-webhook-secret, whose job is to return one secret.
  const seen: string[] = [];
  const secrets = new Set<string>();

  /** Records the response so the last test can search all of them for secrets. */
  const observe = async <T>(call: Promise<ApiResponse<T>>): Promise<ApiResponse<T>> => {
    const res = await call;
    seen.push(JSON.stringify(res.body));
    return res;
  };

  const credentialsFor = (type: string): Record<string, string> => {
    const values: Record<string, Record<string, string>> = {
      messenger: {
        pageAccessToken: unique('EAAGpage'),
        appSecret: unique('appsecret'),
        verifyToken: unique('verify'),
      },
      instagram: {
        pageAccessToken: unique('EAAGig'),
        appSecret: unique('igsecret'),
        verifyToken: unique('verify'),
      },
      whatsapp: {
        accessToken: unique('EAAGwa'),
        appSecret: unique('wasecret'),
        verifyToken: unique('verify'),
      },
      telegram: { botToken: `123456:${unique('AAbotTokenFromBotFather')}` },
      viber: { authToken: unique('viber') },
    };
    const credentials = values[type] ?? {};
    Object.values(credentials).forEach((v) => secrets.add(v));
    return credentials;
  };

  /** What each messaging type must be configured with, as its adapter declares it. */
  const settingsFor = (type: string): Record<string, unknown> =>
    ({
      email: { addresses: [`${unique('support')}@acme.test`] },
      messenger: { pageId: '1029384756' },
      instagram: { igUserId: '17841400000000' },
      whatsapp: {
        phoneNumberId: '106540352242922',
        wabaId: '102290129340398',
        templateName: 'order_update',
        templateLanguage: 'en_US',
      },
    })[type] ?? {};

  const createChannel = async (
    client: ApiClient,
    body: Record<string, unknown>,
  ): Promise<ChannelBody> => {
    const type = String(body['type'] ?? 'telegram');
    const res = await observe(
      client.post<ChannelBody>('/api/v1/channels', {
        type,
        name: `${type} channel`,
        credentials: credentialsFor(type),
        settings: settingsFor(type),
        ...body,
      }),
    );
    expect(res.status).toBe(201);
    const row = await tenants.control.Channel.findByPk(res.body.id);
    secrets.add(box.open(row!.webhookSecretEncrypted!));
    return res.body;
  };

  const storedCredentials = async (id: string) => {
    const row = await tenants.control.Channel.findByPk(id);
    return row?.credentialsEncrypted ? box.openJson(row.credentialsEncrypted) : null;
  };

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    box = gateway.app.get(SecretBox);
    owner = await ApiClient.signUp(gateway.url);
    admin = await signInAsNewMember(gateway, owner.session!.workspaceId, 'admin');
    agent = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    other = await ApiClient.signUp(gateway.url);
    botId = (await owner.post<{ id: string }>('/api/v1/bots', { name: 'Ours' })).body.id;
    otherBotId = (await other.post<{ id: string }>('/api/v1/bots', { name: 'Theirs' })).body.id;
  });

  afterAll(() => gateway.close());

  it('seals credentials and a webhook secret, and shows only credential names', async () => {
    const credentials = credentialsFor('messenger');
    const externalId = unique('page');
    const res = await observe(
      admin.post<ChannelBody>('/api/v1/channels', {
        type: 'messenger',
        name: ' Acme page ',
        botId,
        externalId,
        credentials,
        settings: { pageId: '1029384756', greeting: 'Hi!' },
      }),
    );
    expect(res.status).toBe(201);
    const channel = res.body;
    expect(channel).toMatchObject({
      type: 'messenger',
      name: 'Acme page',
      botId,
      externalId,
      settings: { pageId: '1029384756', greeting: 'Hi!' },
      isActive: true,
      configuredCredentials: ['appSecret', 'pageAccessToken', 'verifyToken'],
      webhookPath: `/webhooks/messenger/${channel.id}`,
    });
    expect(Object.keys(channel).sort()).toEqual(
      [
        'botId',
        'configuredCredentials',
        'createdAt',
        'externalId',
        'id',
        'isActive',
        'name',
        'settings',
        'type',
        'updatedAt',
        'webhookPath',
      ].sort(),
    );

    const row = await tenants.control.Channel.findByPk(channel.id);
    expect(row?.workspaceId).toBe(owner.session!.workspaceId);
    expect(row?.credentialsEncrypted).toEqual(expect.any(String));
    for (const value of Object.values(credentials))
      expect(row!.credentialsEncrypted).not.toContain(value);
    expect(box.openJson(row!.credentialsEncrypted!)).toEqual(credentials);
    const webhookSecret = box.open(row!.webhookSecretEncrypted!);
    expect(webhookSecret).toMatch(/^whs_[A-Za-z0-9_-]{32}$/);
    expect(row!.webhookSecretEncrypted).not.toContain(webhookSecret);
    secrets.add(webhookSecret);
  });

  it.each<[string, Record<string, unknown>, { field: string; message: string }[]]>([
    [
      'a messenger channel without an app secret',
      { type: 'messenger', credentials: { pageAccessToken: 'token' } },
      [
        { field: 'credentials.appSecret', message: 'Required' },
        { field: 'credentials.verifyToken', message: 'Required' },
      ],
    ],
    [
      'a whatsapp channel without credentials',
      { type: 'whatsapp', credentials: undefined },
      [
        { field: 'credentials.accessToken', message: 'Required' },
        { field: 'credentials.appSecret', message: 'Required' },
        { field: 'credentials.verifyToken', message: 'Required' },
      ],
    ],
    [
      'a telegram token that is not a string',
      { type: 'telegram', credentials: { botToken: 12345 } },
      [{ field: 'credentials.botToken', message: 'Expected string, received number' }],
    ],
    [
      'a blank viber token',
      { type: 'viber', credentials: { authToken: '  ' } },
      [{ field: 'credentials.authToken', message: 'must be the bot account authentication token' }],
    ],
    [
      'a credential the type does not take',
      { type: 'web', credentials: { password: 'hunter2' } },
      [{ field: 'credentials.password', message: 'is not a credential of web' }],
    ],
    [
      'an email channel without an address, a mixed-case one and a mailbox without its password',
      {
        type: 'email',
        settings: {
          addresses: ['Support@Acme.test', 'not an address'],
          imap: { host: 'imap.acme.test', port: 993, user: 'support' },
        },
      },
      [
        { field: 'settings.addresses.0', message: 'must be written in lowercase' },
        { field: 'settings.addresses.1', message: 'must be an email address' },
      ],
    ],
    [
      'an email mailbox to poll without its password',
      {
        type: 'email',
        settings: {
          addresses: ['poll@acme.test'],
          imap: { host: 'imap.acme.test', port: 993, user: 'support' },
        },
      },
      [{ field: 'credentials.imapPassword', message: 'is required when settings.imap is set' }],
    ],
    [
      'an email sender name over two lines',
      {
        type: 'email',
        settings: { addresses: ['name@acme.test'], fromName: 'Acme\r\nBcc: x@evil.test' },
      },
      [{ field: 'settings.fromName', message: 'must be on one line' }],
    ],
    [
      'an empty whatsapp template name',
      { type: 'whatsapp', settings: { ...settingsFor('whatsapp'), templateName: '' } },
      [
        {
          field: 'settings.templateName',
          message: 'templateName must be an approved template name (a-z, 0-9, _)',
        },
      ],
    ],
  ])('rejects %s, naming each field', async (_label, body, details) => {
    const type = String(body['type']);
    const name = unique('refused');
    const res = await observe(
      owner.post<ErrorBody>('/api/v1/channels', {
        type,
        name,
        credentials: credentialsFor(type),
        settings: settingsFor(type),
        ...body,
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(details);
    expect(await tenants.control.Channel.count({ where: { name } })).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown type', { type: 'fax' }, 'type'],
    ['an empty name', { name: '' }, 'name'],
    ['a botId that is not a UUID', { botId: 'bot-1' }, 'botId'],
    ['credentials that are not an object', { credentials: 'token' }, 'credentials'],
    ['settings that are an array', { settings: [1] }, 'settings'],
    ['a webhook secret of our own', { webhookSecret: 'whs_mine' }, 'webhookSecret'],
  ])('rejects %s in the body', async (_label, body, field) => {
    const res = await observe(
      owner.post<ErrorBody>('/api/v1/channels', { type: 'web', name: 'Web', ...body }),
    );
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toContain(field);
  });

  it('creates email and web channels without credentials, and whatsapp with template settings', async () => {
    const email = await createChannel(owner, { type: 'email' });
    expect(email.configuredCredentials).toEqual([]);
    expect(email.settings).toEqual({
      addresses: [expect.stringMatching(/^support-.+@acme\.test$/)],
    });
    expect((await tenants.control.Channel.findByPk(email.id))?.credentialsEncrypted).toBeNull();
    const whatsapp = await createChannel(owner, { type: 'whatsapp' });
    expect(whatsapp.configuredCredentials).toEqual(['accessToken', 'appSecret', 'verifyToken']);
    expect(whatsapp.settings).toEqual(settingsFor('whatsapp'));
  });

  it('merges credentials on PATCH and validates the merged set', async () => {
    const original = credentialsFor('messenger');
    const channel = await createChannel(owner, { type: 'messenger', credentials: original });
    const rotated = unique('newsecret');
    secrets.add(rotated);

    const res = await observe(
      admin.patch<ChannelBody>(`/api/v1/channels/${channel.id}`, {
        credentials: { appSecret: rotated },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.configuredCredentials).toEqual(['appSecret', 'pageAccessToken', 'verifyToken']);
    expect(await storedCredentials(channel.id)).toEqual({
      pageAccessToken: original.pageAccessToken,
      appSecret: rotated,
      verifyToken: original.verifyToken,
    });

    const removed = await observe(
      owner.patch<ErrorBody>(`/api/v1/channels/${channel.id}`, {
        credentials: { appSecret: null },
      }),
    );
    expect(removed.status).toBe(400);
    expect(removed.body.details).toEqual([{ field: 'credentials.appSecret', message: 'Required' }]);
    const unknown = await observe(
      owner.patch<ErrorBody>(`/api/v1/channels/${channel.id}`, {
        credentials: { botToken: 'x' },
      }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.map((d) => d.field)).toEqual(['credentials']);
    expect(unknown.body.details[0]!.message).toContain('botToken');
    expect(await storedCredentials(channel.id)).toEqual({
      pageAccessToken: original.pageAccessToken,
      appSecret: rotated,
      verifyToken: original.verifyToken,
    });

    // A PATCH without credentials leaves them, and the ciphertext, as they were.
    const before = (await tenants.control.Channel.findByPk(channel.id))?.credentialsEncrypted;
    const renamed = await observe(
      owner.patch<ChannelBody>(`/api/v1/channels/${channel.id}`, { name: 'Renamed' }),
    );
    expect(renamed.body).toMatchObject({ name: 'Renamed', botId: null });
    expect((await tenants.control.Channel.findByPk(channel.id))?.credentialsEncrypted).toBe(before);
  });

  it('merges settings on PATCH, a null removing a key, and validates typed settings', async () => {
    const channel = await createChannel(owner, {
      type: 'whatsapp',
      settings: { ...settingsFor('whatsapp'), templateName: 'welcome', templateLanguage: 'en' },
    });
    const res = await observe(
      owner.patch<ChannelBody>(`/api/v1/channels/${channel.id}`, {
        settings: { templateLanguage: 'en_GB', region: 'eu' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual({
      ...settingsFor('whatsapp'),
      templateName: 'welcome',
      templateLanguage: 'en_GB',
      region: 'eu',
    });
    const removed = await observe(
      owner.patch<ChannelBody>(`/api/v1/channels/${channel.id}`, { settings: { region: null } }),
    );
    expect(removed.body.settings).not.toHaveProperty('region');
    // A setting the adapter needs cannot be removed.
    const required = await observe(
      owner.patch<ErrorBody>(`/api/v1/channels/${channel.id}`, {
        settings: { templateName: null },
      }),
    );
    expect(required.status).toBe(400);
    expect(required.body.details.map((d) => d.field)).toEqual(['settings.templateName']);
    const bad = await observe(
      owner.patch<ErrorBody>(`/api/v1/channels/${channel.id}`, {
        settings: { templateLanguage: 7 },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field)).toEqual(['settings.templateLanguage']);
  });

  it('never changes the type', async () => {
    const channel = await createChannel(owner, { type: 'telegram' });
    const res = await observe(
      owner.patch<ErrorBody>(`/api/v1/channels/${channel.id}`, { type: 'viber' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toEqual(['type']);
    expect((await tenants.control.Channel.findByPk(channel.id))?.type).toBe('telegram');
  });

  it("refuses another workspace's bot with 422 on create and on PATCH", async () => {
    const name = unique('cross');
    const created = await observe(
      owner.post<ErrorBody>('/api/v1/channels', { type: 'web', name, botId: otherBotId }),
    );
    expect(created.status).toBe(422);
    expect(created.body.details).toEqual([
      { field: 'botId', message: 'does not name a bot of this workspace' },
    ]);
    expect(await tenants.control.Channel.count({ where: { name } })).toBe(0);

    const missing = await observe(
      owner.post<ErrorBody>('/api/v1/channels', {
        type: 'web',
        name,
        botId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(missing.status).toBe(422);
    expect(missing.body.details.map((d) => d.field)).toEqual(['botId']);

    const channel = await createChannel(owner, { type: 'web', botId });
    const patched = await observe(
      owner.patch<ErrorBody>(`/api/v1/channels/${channel.id}`, { botId: otherBotId }),
    );
    expect(patched.status).toBe(422);
    expect(patched.body.details.map((d) => d.field)).toEqual(['botId']);
    expect((await tenants.control.Channel.findByPk(channel.id))?.botId).toBe(botId);

    const unlinked = await observe(
      owner.patch<ChannelBody>(`/api/v1/channels/${channel.id}`, { botId: null }),
    );
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.botId).toBeNull();
  });

  it('answers 409 when the platform account is already connected', async () => {
    const externalId = unique('bot_username');
    await createChannel(owner, { type: 'telegram', externalId });
    const res = await observe(
      other.post<ErrorBody>('/api/v1/channels', {
        type: 'telegram',
        name: 'Duplicate',
        externalId,
        credentials: credentialsFor('telegram'),
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.details.map((d) => d.field)).toEqual(['externalId']);
  });

  it("answers 409 for an address another workspace's email channel has, on create and on PATCH", async () => {
    const theirs = `${unique('help')}@acme.test`;
    const mine = `${unique('sales')}@acme.test`;
    const taken = await createChannel(other, {
      type: 'email',
      settings: { addresses: [theirs] },
    });
    const create = await observe(
      owner.post<ErrorBody>('/api/v1/channels', {
        type: 'email',
        name: 'Squatter',
        settings: { addresses: [mine, theirs] },
      }),
    );
    expect(create.status).toBe(409);
    expect(create.body.details).toEqual([
      { field: 'settings.addresses', message: `${theirs} already used by another channel` },
    ]);
    const channel = await createChannel(owner, { type: 'email', settings: { addresses: [mine] } });
    const patch = await observe(
      owner.patch<ErrorBody>(`/api/v1/channels/${channel.id}`, {
        settings: { addresses: [mine, theirs] },
      }),
    );
    expect(patch.status).toBe(409);
    // Its own addresses are its own: the same PATCH without the foreign one passes.
    const kept = await observe(
      owner.patch<ChannelBody>(`/api/v1/channels/${channel.id}`, {
        settings: { addresses: [mine], fromName: 'Sales' },
      }),
    );
    expect(kept.status).toBe(200);
    // Deleted, the address is free again.
    expect((await observe(other.delete(`/api/v1/channels/${taken.id}`))).status).toBe(204);
    await createChannel(owner, { type: 'email', settings: { addresses: [theirs] } });
  });

  it('rotates the webhook secret, returning it once', async () => {
    const channel = await createChannel(owner, { type: 'viber' });
    const before = box.open(
      (await tenants.control.Channel.findByPk(channel.id))!.webhookSecretEncrypted!,
    );
    const res = await admin.post<{ webhookSecret: string; webhookPath: string }>(
      `/api/v1/channels/${channel.id}/rotate-webhook-secret`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      webhookSecret: expect.stringMatching(/^whs_/),
      webhookPath: `/webhooks/viber/${channel.id}`,
    });
    expect(res.body.webhookSecret).not.toBe(before);
    const row = await tenants.control.Channel.findByPk(channel.id);
    expect(row!.webhookSecretEncrypted).not.toContain(res.body.webhookSecret);
    expect(box.open(row!.webhookSecretEncrypted!)).toBe(res.body.webhookSecret);
    secrets.add(res.body.webhookSecret);

    const read = await observe(owner.get<ChannelBody>(`/api/v1/channels/${channel.id}`));
    expect(read.body).not.toHaveProperty('webhookSecret');
  });

  it('lists with filters by type and bot, in pages that do not overlap', async () => {
    const client = await ApiClient.signUp(gateway.url);
    const ownBot = (await client.post<{ id: string }>('/api/v1/bots', { name: 'B' })).body.id;
    const telegramA = await createChannel(client, { type: 'telegram', botId: ownBot });
    const telegramB = await createChannel(client, { type: 'telegram' });
    const web = await createChannel(client, { type: 'web', botId: ownBot });

    const all = await observe(client.get<Page<ChannelBody>>('/api/v1/channels'));
    expect(all.body.items.map((c) => c.id)).toEqual([web.id, telegramB.id, telegramA.id]);

    const first = await observe(client.get<Page<ChannelBody>>('/api/v1/channels?limit=2'));
    expect(first.body.items).toHaveLength(2);
    const second = await observe(
      client.get<Page<ChannelBody>>(
        `/api/v1/channels?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
      ),
    );
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((c) => c.id)).toEqual([
      web.id,
      telegramB.id,
      telegramA.id,
    ]);

    const telegrams = await observe(
      client.get<Page<ChannelBody>>('/api/v1/channels?type=telegram'),
    );
    expect(telegrams.body.items.map((c) => c.id)).toEqual([telegramB.id, telegramA.id]);
    const ofBot = await observe(client.get<Page<ChannelBody>>(`/api/v1/channels?botId=${ownBot}`));
    expect(ofBot.body.items.map((c) => c.id)).toEqual([web.id, telegramA.id]);
    const both = await observe(
      client.get<Page<ChannelBody>>(`/api/v1/channels?botId=${ownBot}&type=telegram`),
    );
    expect(both.body.items.map((c) => c.id)).toEqual([telegramA.id]);

    const badType = await observe(client.get<ErrorBody>('/api/v1/channels?type=fax'));
    expect(badType.status).toBe(400);
    expect(badType.body.details.map((d) => d.field)).toEqual(['type']);
    const badBot = await observe(client.get<ErrorBody>('/api/v1/channels?botId=abc'));
    expect(badBot.status).toBe(400);
    expect(badBot.body.details.map((d) => d.field)).toEqual(['botId']);
  });

  it('lets agents read but not write', async () => {
    const channel = await createChannel(owner, { type: 'telegram' });
    expect((await observe(agent.get(`/api/v1/channels/${channel.id}`))).status).toBe(200);
    expect((await observe(agent.get('/api/v1/channels'))).status).toBe(200);
    const attempts = [
      await observe(agent.post('/api/v1/channels', { type: 'web', name: 'Agent web' })),
      await observe(agent.patch(`/api/v1/channels/${channel.id}`, { name: 'Agent rename' })),
      await observe(agent.delete(`/api/v1/channels/${channel.id}`)),
      await agent.post(`/api/v1/channels/${channel.id}/rotate-webhook-secret`),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(await tenants.control.Channel.findByPk(channel.id)).toMatchObject({
      name: channel.name,
      deletedAt: null,
    });
  });

  it("answers 404 for another workspace's channel and leaves it unchanged", async () => {
    const channel = await createChannel(owner, { type: 'telegram' });
    const before = await tenants.control.Channel.findByPk(channel.id);
    const attempts = [
      await observe(other.get(`/api/v1/channels/${channel.id}`)),
      await observe(
        other.patch(`/api/v1/channels/${channel.id}`, {
          name: 'Hijacked',
          credentials: { botToken: 'stolen' },
        }),
      ),
      await other.post(`/api/v1/channels/${channel.id}/rotate-webhook-secret`),
      await observe(other.delete(`/api/v1/channels/${channel.id}`)),
    ];
    expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(attempts[0].body).toMatchObject({ message: 'Channel not found' });
    const listed = await observe(other.get<Page<ChannelBody>>('/api/v1/channels?limit=100'));
    expect(listed.body.items.map((c) => c.id)).not.toContain(channel.id);
    const after = await tenants.control.Channel.findByPk(channel.id);
    expect(after?.toJSON()).toEqual(before?.toJSON());
  });

  it('soft-deletes, freeing the platform account for a new channel', async () => {
    const externalId = unique('wa_number');
    const channel = await createChannel(owner, { type: 'whatsapp', externalId });
    expect((await observe(admin.delete(`/api/v1/channels/${channel.id}`))).status).toBe(204);
    expect((await observe(owner.get(`/api/v1/channels/${channel.id}`))).status).toBe(404);
    expect((await observe(owner.delete(`/api/v1/channels/${channel.id}`))).status).toBe(404);
    const listed = await observe(owner.get<Page<ChannelBody>>('/api/v1/channels?limit=100'));
    expect(listed.body.items.map((c) => c.id)).not.toContain(channel.id);
    const row = await tenants.control.Channel.findByPk(channel.id, { paranoid: false });
    expect(row?.deletedAt).toBeInstanceOf(Date);
    await createChannel(owner, { type: 'whatsapp', externalId });
  });

  it('never put a credential value or webhook secret in any response above', () => {
    expect(seen.length).toBeGreaterThan(40);
    expect(secrets.size).toBeGreaterThan(20);
    const leaks = [...secrets].filter((secret) => seen.some((text) => text.includes(secret)));
    expect(leaks).toEqual([]);
  });
});
