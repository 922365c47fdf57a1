import { TenantConnections } from '@cxgenie/database';
import { ApiClient, type BootedService, bootService, signInAsNewMember } from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { seedBot } from './knowledge.test-helpers';

interface Entry {
  id: string;
  botId: string;
  createdAt: string;
  updatedAt: string;
  [field: string]: string;
}
interface EntryPage {
  items: Entry[];
  nextCursor: string | null;
}
interface ErrorBody {
  message: string;
  details: { field: string; message: string }[];
}

/** FAQs and snippets share one shape: a searchable head field and a body field, under a bot. */
const KINDS = [
  { path: 'faqs', head: 'question', body: 'answer', headMax: 1000, bodyMax: 10000, noun: 'FAQ' },
  {
    path: 'snippets',
    head: 'title',
    body: 'content',
    headMax: 200,
    bodyMax: 20000,
    noun: 'Snippet',
  },
] as const;

/** The distinct fields an error names, sorted. */
const fieldsOf = (error: ErrorBody) => [...new Set(error.details.map((d) => d.field))].sort();

describe.each(KINDS)('bot $path', ({ path, head, body, headMax, bodyMax, noun }) => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let admin: ApiClient;
  let agent: ApiClient;
  let botA: string;
  let botB: string;
  let stranger: ApiClient;
  let strangerBot: string;

  const entry = (head_: string, body_ = `${head_} body`) => ({ [head]: head_, [body]: body_ });
  const url = (botId: string, id?: string) => `/api/v1/bots/${botId}/${path}${id ? `/${id}` : ''}`;
  const create = async (client: ApiClient, botId: string, values = entry('How?')) => {
    const res = await client.post<Entry>(url(botId), values);
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    const workspaceId = owner.session!.workspaceId;
    admin = await signInAsNewMember(gateway, workspaceId, 'admin');
    agent = await signInAsNewMember(gateway, workspaceId, 'agent');
    botA = await seedBot(tenants, workspaceId, 'Bot A');
    botB = await seedBot(tenants, workspaceId, 'Bot B');
    stranger = await ApiClient.signUp(gateway.url);
    strangerBot = await seedBot(tenants, stranger.session!.workspaceId, 'Stranger bot');
  });
  afterAll(() => gateway.close());

  it('creates, reads, updates and deletes', async () => {
    const created = await create(admin, botA, entry('  Opening hours?  ', 'Nine to five.'));
    expect(created).toEqual({
      id: expect.any(String),
      botId: botA,
      [head]: 'Opening hours?',
      [body]: 'Nine to five.',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const read = await agent.get<Entry>(url(botA, created.id));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created);

    const patched = await admin.patch<Entry>(url(botA, created.id), { [body]: 'Nine to six.' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ [head]: 'Opening hours?', [body]: 'Nine to six.' });
    expect((await agent.get<Entry>(url(botA, created.id))).body[body]).toBe('Nine to six.');

    expect((await owner.delete(url(botA, created.id))).status).toBe(204);
    expect((await agent.get(url(botA, created.id))).status).toBe(404);
    expect((await admin.patch(url(botA, created.id), { [head]: 'x' })).status).toBe(404);
    expect((await admin.delete(url(botA, created.id))).status).toBe(404);
    const list = await agent.get<EntryPage>(url(botA));
    expect(list.body.items.map((e) => e.id)).not.toContain(created.id);
  });

  it('validates fields and names them', async () => {
    const empty = await admin.post<ErrorBody>(url(botA), {});
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty.body)).toEqual([body, head].sort());

    const blank = await admin.post<ErrorBody>(url(botA), entry('   ', 'fine'));
    expect(blank.status).toBe(400);
    expect(fieldsOf(blank.body)).toEqual([head]);

    const tooLong = await admin.post<ErrorBody>(
      url(botA),
      entry('q'.repeat(headMax + 1), 'a'.repeat(bodyMax + 1)),
    );
    expect(tooLong.status).toBe(400);
    expect(fieldsOf(tooLong.body)).toEqual([body, head].sort());
    expect(
      (await admin.post(url(botA), entry('q'.repeat(headMax), 'a'.repeat(bodyMax)))).status,
    ).toBe(201);

    const unknown = await admin.post<ErrorBody>(url(botA), { ...entry('Q'), botId: botB });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['botId']);

    const existing = await create(admin, botA);
    const nulled = await admin.patch<ErrorBody>(url(botA, existing.id), { [head]: null });
    expect(nulled.status).toBe(400);
    expect(fieldsOf(nulled.body)).toEqual([head]);
    expect((await agent.get<Entry>(url(botA, existing.id))).body[head]).toBe(existing[head]);
  });

  it('lets agents read but only admins write', async () => {
    const existing = await create(owner, botA);
    expect((await agent.post(url(botA), entry('Agent?'))).status).toBe(403);
    expect((await agent.patch(url(botA, existing.id), { [head]: 'Changed' })).status).toBe(403);
    expect((await agent.delete(url(botA, existing.id))).status).toBe(403);
    expect((await agent.get(url(botA))).status).toBe(200);
    expect((await agent.get<Entry>(url(botA, existing.id))).body[head]).toBe(existing[head]);
    expect((await admin.patch(url(botA, existing.id), { [head]: 'Changed' })).status).toBe(200);
  });

  it(`keeps each ${noun} under its own bot's path`, async () => {
    const ofA = await create(admin, botA, entry('Only for A'));
    for (const res of [
      await agent.get<ErrorBody>(url(botB, ofA.id)),
      await admin.patch<ErrorBody>(url(botB, ofA.id), { [head]: 'Hijacked' }),
      await admin.delete<ErrorBody>(url(botB, ofA.id)),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.message).toBe(`${noun} not found`);
    }
    expect((await agent.get<Entry>(url(botA, ofA.id))).body[head]).toBe('Only for A');
    const listB = await agent.get<EntryPage>(url(botB));
    expect(listB.body.items.map((e) => e.id)).not.toContain(ofA.id);
  });

  it('answers 404 "Bot not found" for a bot that is missing, malformed, deleted or foreign', async () => {
    const { models } = await tenants.scope(owner.session!.workspaceId);
    const deletedBot = await seedBot(tenants, owner.session!.workspaceId, 'Deleted');
    await models.Bot.destroy({ where: { id: deletedBot } });
    for (const botId of [
      '4b1f2a7e-0000-4000-8000-000000000000',
      'not-a-uuid',
      deletedBot,
      strangerBot,
    ]) {
      const list = await agent.get<ErrorBody>(url(botId));
      const created = await admin.post<ErrorBody>(url(botId), entry('Where?'));
      expect([list.status, created.status]).toEqual([404, 404]);
      expect(list.body.message).toBe('Bot not found');
      expect(created.body.message).toBe('Bot not found');
    }
    const written =
      (await models.Faq.count({ where: { botId: deletedBot } })) +
      (await models.Snippet.count({ where: { botId: deletedBot } }));
    expect(written).toBe(0);
  });

  it("hides another workspace's entries and leaves them unchanged", async () => {
    const theirs = await create(stranger, strangerBot, entry('Their secret'));
    expect((await owner.get(url(botA, theirs.id))).status).toBe(404);
    expect((await owner.patch(url(botA, theirs.id), { [head]: 'Mine now' })).status).toBe(404);
    expect((await owner.delete(url(botA, theirs.id))).status).toBe(404);
    expect((await owner.get(url(strangerBot, theirs.id))).status).toBe(404);
    expect((await owner.patch(url(strangerBot, theirs.id), { [head]: 'Mine now' })).status).toBe(
      404,
    );
    expect((await owner.delete(url(strangerBot, theirs.id))).status).toBe(404);
    const ours = await owner.get<EntryPage>(`${url(botA)}?limit=100`);
    expect(ours.body.items.map((e) => e.id)).not.toContain(theirs.id);
    const still = await stranger.get<Entry>(url(strangerBot, theirs.id));
    expect(still.status).toBe(200);
    expect(still.body[head]).toBe('Their secret');
  });

  it('pages through a bot newest first, without overlap', async () => {
    const bot = await seedBot(tenants, owner.session!.workspaceId, 'Paged');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(admin, bot, entry(`Paged ${i}`))).id);

    const first = await agent.get<EntryPage>(`${url(bot)}?limit=2`);
    const second = await agent.get<EntryPage>(
      `${url(bot)}?limit=2&cursor=${first.body.nextCursor}`,
    );
    const third = await agent.get<EntryPage>(
      `${url(bot)}?limit=2&cursor=${second.body.nextCursor}`,
    );
    const seen = [first, second, third].flatMap((p) => p.body.items.map((e) => e.id));
    expect(seen).toEqual([...ids].reverse());
    expect(third.body.nextCursor).toBeNull();

    const badCursor = await agent.get<ErrorBody>(`${url(bot)}?cursor=garbage`);
    expect(badCursor.status).toBe(400);
    expect(fieldsOf(badCursor.body)).toEqual(['cursor']);
    const badLimit = await agent.get<ErrorBody>(`${url(bot)}?limit=0`);
    expect(fieldsOf(badLimit.body)).toEqual(['limit']);
  });

  it(`filters by a case-insensitive substring of the ${head}, wildcards taken literally`, async () => {
    const bot = await seedBot(tenants, owner.session!.workspaceId, 'Search');
    const refund = await create(admin, bot, entry('How do REFUNDS work?'));
    const percent = await create(admin, bot, entry('Is there a 100% guarantee?'));
    const underscore = await create(admin, bot, entry('What is snake_case?'));
    await create(admin, bot, entry('Shipping times', 'refunds are mentioned only in the body'));

    const search = async (q: string) =>
      (await agent.get<EntryPage>(`${url(bot)}?q=${encodeURIComponent(q)}`)).body.items.map(
        (e) => e.id,
      );
    expect(await search('refund')).toEqual([refund.id]);
    expect(await search('%')).toEqual([percent.id]);
    expect(await search('e_c')).toEqual([underscore.id]);
    expect(await search('nothing like this')).toEqual([]);
  });
});
