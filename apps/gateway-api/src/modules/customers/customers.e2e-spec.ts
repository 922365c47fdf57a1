import { randomBytes } from 'node:crypto';
import type { ChannelType } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  ApiClient,
  type BootedService,
  bootService,
  countQueries,
  signInAsNewMember,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

interface CustomerBody {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  tags: string[];
  metadata: Record<string, unknown>;
  identities?: { channelId: string; channelType: string; externalId: string }[];
}
interface Page {
  items: CustomerBody[];
  nextCursor: string | null;
}
interface ErrorBody {
  message: string;
  details: { field: string; message: string }[];
}

const fieldsOf = (error: ErrorBody) => [...new Set(error.details.map((d) => d.field))].sort();

describe('customers', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let admin: ApiClient;
  let agent: ApiClient;
  let stranger: ApiClient;
  let web: string;
  let telegram: string;
  let strangerChannel: string;
  const ids: Record<'ada' | 'grace' | 'percent' | 'snake' | 'anon' | 'foreign', string> = {
    ada: '',
    grace: '',
    percent: '',
    snake: '',
    anon: '',
    foreign: '',
  };

  /** Channels and widget sessions create customers; tests write them the same way, directly. */
  const seedChannel = async (workspaceId: string, type: ChannelType) => {
    const { models } = await tenants.scope(workspaceId);
    return (await models.Channel.create({ workspaceId, type, name: `${type} channel` })).id;
  };
  const seedCustomer = async (
    workspaceId: string,
    values: { name?: string | null; email?: string | null; tags?: string[] },
    identities: [channelId: string, externalId: string][] = [],
  ) => {
    const { models } = await tenants.scope(workspaceId);
    const customer = await models.Customer.create({ workspaceId, ...values });
    for (const [channelId, externalId] of identities) {
      await models.CustomerIdentity.create({
        workspaceId,
        customerId: customer.id,
        channelId,
        externalId,
      });
    }
    return customer.id;
  };
  const list = async (query: string) => {
    const res = await agent.get<Page>(`/api/v1/customers?limit=100&${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((c) => c.id);
  };

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    const workspaceId = owner.session!.workspaceId;
    admin = await signInAsNewMember(gateway, workspaceId, 'admin');
    agent = await signInAsNewMember(gateway, workspaceId, 'agent');
    stranger = await ApiClient.signUp(gateway.url);
    const strangerWorkspace = stranger.session!.workspaceId;

    web = await seedChannel(workspaceId, 'web');
    telegram = await seedChannel(workspaceId, 'telegram');
    strangerChannel = await seedChannel(strangerWorkspace, 'web');
    const visitor = `visitor-${randomBytes(4).toString('hex')}`;
    // Oldest first: lists answer newest first.
    ids.ada = await seedCustomer(
      workspaceId,
      { name: 'Ada Lovelace', email: 'ada@example.com', tags: ['vip', 'beta'] },
      [
        [web, visitor],
        [telegram, 'tg-100'],
      ],
    );
    ids.grace = await seedCustomer(
      workspaceId,
      { name: 'Grace Hopper', email: 'GRACE@navy.example', tags: ['vip'] },
      [[telegram, 'tg-200']],
    );
    ids.percent = await seedCustomer(workspaceId, { name: '100% Sure' }, [[web, `${visitor}-b`]]);
    ids.snake = await seedCustomer(workspaceId, { name: 'snake_case fan', email: 'x@example.com' });
    ids.anon = await seedCustomer(workspaceId, { email: 'anon@example.com' });
    ids.foreign = await seedCustomer(strangerWorkspace, { name: 'Ada Stranger', tags: ['vip'] }, [
      [strangerChannel, 'stranger-1'],
    ]);
  });
  afterAll(() => gateway.close());

  describe('listing', () => {
    it("pages through the workspace's customers newest first, without overlap", async () => {
      const first = await agent.get<Page>('/api/v1/customers?limit=2');
      const second = await agent.get<Page>(
        `/api/v1/customers?limit=2&cursor=${first.body.nextCursor}`,
      );
      const third = await agent.get<Page>(
        `/api/v1/customers?limit=2&cursor=${second.body.nextCursor}`,
      );
      const pages = [first, second, third].map((p) => p.body.items.map((c) => c.id));
      expect(pages).toEqual([[ids.anon, ids.snake], [ids.percent, ids.grace], [ids.ada]]);
      expect(third.body.nextCursor).toBeNull();
      expect(first.body.items[0]).toEqual({
        id: ids.anon,
        name: null,
        email: 'anon@example.com',
        phone: null,
        avatarUrl: null,
        locale: null,
        tags: [],
        metadata: {},
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('searches name and email case-insensitively, wildcards taken literally', async () => {
      expect(await list('q=ADA')).toEqual([ids.ada]);
      expect(await list('q=grace%40navy')).toEqual([ids.grace]);
      expect(await list('q=example.com')).toEqual([ids.anon, ids.snake, ids.ada]);
      expect(await list('q=%25')).toEqual([ids.percent]);
      expect(await list('q=_')).toEqual([ids.snake]);
    });

    it('filters by channel and by tag, alone or together', async () => {
      expect(await list(`channelId=${telegram}`)).toEqual([ids.grace, ids.ada]);
      expect(await list(`channelId=${web}`)).toEqual([ids.percent, ids.ada]);
      expect(await list('tag=vip')).toEqual([ids.grace, ids.ada]);
      expect(await list('tag=beta')).toEqual([ids.ada]);
      expect(await list('tag=VIP')).toEqual([]);
      expect(await list(`tag=vip&channelId=${web}`)).toEqual([ids.ada]);
      expect(await list(`q=grace&channelId=${web}`)).toEqual([]);
    });

    it("finds nothing through another workspace's channel", async () => {
      expect(await list(`channelId=${strangerChannel}`)).toEqual([]);
    });

    it('names the invalid filter', async () => {
      const res = await agent.get<ErrorBody>('/api/v1/customers?channelId=web&tag=&limit=101');
      expect([res.status, fieldsOf(res.body)]).toEqual([400, ['channelId', 'limit', 'tag']]);
      const unknown = await agent.get<ErrorBody>(
        `/api/v1/customers?workspaceId=${stranger.session!.workspaceId}`,
      );
      expect([unknown.status, fieldsOf(unknown.body)]).toEqual([400, ['workspaceId']]);
    });
  });

  describe('reading one', () => {
    it('includes how each channel knows the customer', async () => {
      const res = await agent.get<CustomerBody>(`/api/v1/customers/${ids.ada}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: ids.ada, name: 'Ada Lovelace', tags: ['vip', 'beta'] });
      expect(res.body.identities).toEqual([
        { channelId: web, channelType: 'web', externalId: expect.stringMatching(/^visitor-/) },
        { channelId: telegram, channelType: 'telegram', externalId: 'tg-100' },
      ]);
      const none = await agent.get<CustomerBody>(`/api/v1/customers/${ids.anon}`);
      expect(none.body.identities).toEqual([]);
    });

    it('reads all identities in one joined query, however many there are', async () => {
      const workspaceId = owner.session!.workspaceId;
      const many = await seedCustomer(
        workspaceId,
        { name: 'Everywhere' },
        await Promise.all(
          (['messenger', 'whatsapp', 'viber', 'email'] as const).map(
            async (type, i) =>
              [
                await seedChannel(workspaceId, type),
                `everywhere-${i}-${randomBytes(3).toString('hex')}`,
              ] as [string, string],
          ),
        ),
      );
      const { sequelize } = await tenants.scope(workspaceId);
      const { result, queries } = await countQueries(sequelize, () =>
        agent.get<CustomerBody>(`/api/v1/customers/${many}`),
      );
      expect(result.body.identities).toHaveLength(4);
      const identityQueries = queries.filter((q) => q.includes('customer_identities'));
      expect(identityQueries).toHaveLength(1);
      expect(identityQueries[0]).toMatch(/JOIN channels/);
    });

    it("answers 404 for another workspace's customer and a malformed id", async () => {
      for (const id of [ids.foreign, 'not-a-uuid', '0a1b2c3d-0000-4000-8000-000000000000']) {
        expect((await owner.get(`/api/v1/customers/${id}`)).status).toBe(404);
      }
    });
  });

  describe('editing', () => {
    it('lets an agent edit the profile; tags are deduplicated, email lowercased', async () => {
      const id = await seedCustomer(owner.session!.workspaceId, { name: 'Before', tags: ['old'] });
      const res = await agent.patch<CustomerBody>(`/api/v1/customers/${id}`, {
        name: '  Linh Nguyen ',
        email: 'Linh@Example.COM',
        phone: '+84 912 345 678',
        locale: 'vi-VN',
        tags: ['vip', 'returning', 'vip'],
        metadata: { plan: 'pro', seats: 3 },
      });
      expect(res.status).toBe(200);
      const expected = {
        id,
        name: 'Linh Nguyen',
        email: 'linh@example.com',
        phone: '+84 912 345 678',
        locale: 'vi-VN',
        tags: ['vip', 'returning'],
        metadata: { plan: 'pro', seats: 3 },
      };
      expect(res.body).toMatchObject(expected);
      expect((await agent.get(`/api/v1/customers/${id}`)).body).toMatchObject(expected);

      const partial = await agent.patch<CustomerBody>(`/api/v1/customers/${id}`, { name: null });
      expect(partial.body).toMatchObject({ ...expected, name: null });
    });

    it('names each invalid field and changes nothing', async () => {
      const id = await seedCustomer(owner.session!.workspaceId, { name: 'Stable', tags: ['a'] });
      const cases: [Record<string, unknown>, string[]][] = [
        [{ email: 'not-an-email' }, ['email']],
        [{ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, ['tags']],
        [{ tags: ['', 'x'.repeat(51)] }, ['tags']],
        [{ tags: [7] }, ['tags']],
        [{ tags: null, metadata: null }, ['metadata', 'tags']],
        [
          { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) },
          ['metadata'],
        ],
        [{ metadata: ['a'] }, ['metadata']],
        [{ locale: 'english please' }, ['locale']],
        [{ name: '', phone: 'x'.repeat(51) }, ['name', 'phone']],
        [{ avatarUrl: 'https://x.example/a.png', workspaceId: 'x' }, ['avatarUrl', 'workspaceId']],
      ];
      for (const [body, fields] of cases) {
        const res = await agent.patch<ErrorBody>(`/api/v1/customers/${id}`, body);
        expect([res.status, fieldsOf(res.body)]).toEqual([400, fields]);
      }
      const ok = await agent.patch<CustomerBody>(`/api/v1/customers/${id}`, {
        tags: Array.from({ length: 50 }, (_, i) => `t${i}`),
        metadata: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i])),
      });
      expect(ok.status).toBe(200);
      expect((await agent.get<CustomerBody>(`/api/v1/customers/${id}`)).body.name).toBe('Stable');
    });

    it("cannot touch another workspace's customer", async () => {
      const patch = await owner.patch(`/api/v1/customers/${ids.foreign}`, { name: 'Taken' });
      expect(patch.status).toBe(404);
      expect((await owner.delete(`/api/v1/customers/${ids.foreign}`)).status).toBe(404);
      const theirs = await stranger.get<CustomerBody>(`/api/v1/customers/${ids.foreign}`);
      expect(theirs.status).toBe(200);
      expect(theirs.body.name).toBe('Ada Stranger');
    });
  });

  describe('deleting', () => {
    it('is for admins, and soft-deletes', async () => {
      const workspaceId = owner.session!.workspaceId;
      const id = await seedCustomer(workspaceId, { name: 'Leaving' }, [[web, `leaving-${id8()}`]]);
      expect((await agent.delete(`/api/v1/customers/${id}`)).status).toBe(403);
      expect((await agent.get(`/api/v1/customers/${id}`)).status).toBe(200);

      expect((await admin.delete(`/api/v1/customers/${id}`)).status).toBe(204);

      expect((await agent.get(`/api/v1/customers/${id}`)).status).toBe(404);
      expect((await agent.patch(`/api/v1/customers/${id}`, { name: 'Back' })).status).toBe(404);
      expect((await admin.delete(`/api/v1/customers/${id}`)).status).toBe(404);
      expect(await list('q=Leaving')).toEqual([]);
      const { models } = await tenants.scope(workspaceId);
      const row = await models.Customer.findOne({ where: { id }, paranoid: false });
      expect(row?.deletedAt).toBeInstanceOf(Date);
      expect(row?.name).toBe('Leaving');
    });
  });
});

const id8 = () => randomBytes(4).toString('hex');
