import { TenantConnections } from '@cxgenie/database';
import {
  ApiClient,
  type BootedService,
  bootService,
  countQueries,
  seedBotAndChannel,
  seedConversations,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import type { ConversationSummary } from './conversation.presenter';

interface Page {
  items: ConversationSummary[];
  nextCursor: string | null;
}

describe('conversations API', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    other = await ApiClient.signUp(gateway.url);
    const fixture = await seedBotAndChannel(tenants.sequelize, owner.session!.workspaceId);
    await seedConversations(tenants.sequelize, fixture, {
      conversations: 60,
      messagesPerConversation: 4,
    });
    const otherFixture = await seedBotAndChannel(tenants.sequelize, other.session!.workspaceId);
    await seedConversations(tenants.sequelize, otherFixture, {
      conversations: 5,
      messagesPerConversation: 2,
    });
  });

  afterAll(() => gateway.close());

  it('lists newest activity first, each with its customer and last message', async () => {
    const { status, body } = await owner.get<Page>('/api/v1/conversations?limit=10');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(10);
    const times = body.items.map((c) => new Date(c.lastMessageAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const c of body.items) {
      expect(c.customer.name).toMatch(/^Customer \d+$/);
      expect(c.lastMessage).toMatchObject({
        seq: 4,
        senderType: 'bot',
        text: 'Message 4 of this conversation',
      });
    }
  });

  it('pages through every conversation exactly once with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const { body }: { body: Page } = await owner.get<Page>(
        `/api/v1/conversations?limit=7${query}`,
      );
      seen.push(...body.items.map((c) => c.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('filters by status, channel type, bot and date, and never shows another workspace', async () => {
    const human = await owner.get<Page>('/api/v1/conversations?status=human&limit=100');
    expect(human.body.items.length).toBe(20);
    expect(human.body.items.every((c) => c.status === 'human')).toBe(true);
    expect((await owner.get<Page>('/api/v1/conversations?channel=telegram')).body.items).toEqual(
      [],
    );
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await owner.get<Page>(`/api/v1/conversations?from=${future}`)).body.items).toEqual([]);
    const theirs = await other.get<Page>('/api/v1/conversations?limit=100');
    expect(theirs.body.items).toHaveLength(5);
    const mine = new Set(
      (await owner.get<Page>('/api/v1/conversations?limit=100')).body.items.map((c) => c.id),
    );
    expect(theirs.body.items.some((c) => mine.has(c.id))).toBe(false);
  });

  it('rejects bad filters and cursors naming the field', async () => {
    const res = await owner.get('/api/v1/conversations?status=open&limit=500');
    expect(res.status).toBe(400);
    const fields = (res.body['details'] as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['limit', 'status']);
    const cursor = await owner.get('/api/v1/conversations?cursor=bm90LWEtY3Vyc29y');
    expect(cursor.status).toBe(400);
    expect(cursor.body['details']).toEqual([
      { field: 'cursor', message: 'cursor is not one this API issued' },
    ]);
  });

  it('issues the same number of SQL statements for 5 conversations as for 50 (no N+1)', async () => {
    await owner.get('/api/v1/conversations?limit=1'); // warm the tenant route cache
    const small = await countQueries(tenants.sequelize, () =>
      owner.get<Page>('/api/v1/conversations?limit=5'),
    );
    const large = await countQueries(tenants.sequelize, () =>
      owner.get<Page>('/api/v1/conversations?limit=50'),
    );
    expect(small.result.body.items).toHaveLength(5);
    expect(large.result.body.items).toHaveLength(50);
    expect(large.queries.length).toBe(small.queries.length);
    expect(large.queries.length).toBeLessThanOrEqual(2);
  });

  it('returns one conversation, and 404 for another workspace’s or a malformed id', async () => {
    const [first] = (await owner.get<Page>('/api/v1/conversations?limit=1')).body.items;
    const mine = await owner.get<ConversationSummary>(`/api/v1/conversations/${first.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.id).toBe(first.id);
    expect((await other.get(`/api/v1/conversations/${first.id}`)).status).toBe(404);
    expect((await other.get(`/api/v1/conversations/${first.id}/messages`)).status).toBe(404);
    expect((await owner.get('/api/v1/conversations/not-a-uuid')).status).toBe(404);
  });

  it('reads messages by sequence: latest page, older with beforeSeq, newer with afterSeq', async () => {
    const [first] = (await owner.get<Page>('/api/v1/conversations?limit=1')).body.items;
    type Messages = {
      items: { seq: number }[];
      olderBeforeSeq: number | null;
      newerAfterSeq: number | null;
    };
    const latest = await owner.get<Messages>(`/api/v1/conversations/${first.id}/messages?limit=2`);
    expect(latest.body.items.map((m) => m.seq)).toEqual([3, 4]);
    expect(latest.body).toMatchObject({ olderBeforeSeq: 3, newerAfterSeq: null });
    const older = await owner.get<Messages>(
      `/api/v1/conversations/${first.id}/messages?limit=2&beforeSeq=3`,
    );
    expect(older.body.items.map((m) => m.seq)).toEqual([1, 2]);
    expect(older.body.olderBeforeSeq).toBeNull();
    const newer = await owner.get<Messages>(
      `/api/v1/conversations/${first.id}/messages?afterSeq=1&limit=2`,
    );
    expect(newer.body.items.map((m) => m.seq)).toEqual([2, 3]);
    expect(newer.body.newerAfterSeq).toBe(3);
  });
});
