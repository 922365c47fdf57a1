import { TenantConnections } from '@cxgenie/database';
import { ApiClient, type BootedService, bootService, signInAsNewMember } from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { knowledgeRowsOf, seedBot, seedDocument } from './knowledge.test-helpers';

interface Source {
  id: string;
  botId: string;
  type: string;
  name: string;
  status: string;
  progress: number;
  error: string | null;
  stats: Record<string, number>;
  config: Record<string, unknown>;
}
interface DocumentBody {
  id: string;
  botId: string;
  sourceId: string;
  filename: string;
  sizeBytes: number;
  source: { status: string; progress: number; error: string | null } | null;
  [key: string]: unknown;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface ErrorBody {
  message: string;
  details: { field: string; message: string }[];
}

const fieldsOf = (error: ErrorBody) => [...new Set(error.details.map((d) => d.field))].sort();

describe('bot knowledge sources and documents', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let workspaceId: string;
  let owner: ApiClient;
  let admin: ApiClient;
  let agent: ApiClient;
  let bot: string;
  let otherBot: string;
  let stranger: ApiClient;
  let strangerBot: string;

  const sources = (botId: string) => `/api/v1/bots/${botId}/sources`;
  const documents = (botId: string) => `/api/v1/bots/${botId}/documents`;
  const queueWebsite = async (botId: string, body: Record<string, unknown>, client = admin) => {
    const res = await client.post<Source>(`${sources(botId)}/websites`, body);
    expect(res.status).toBe(202);
    return res.body;
  };

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    workspaceId = owner.session!.workspaceId;
    admin = await signInAsNewMember(gateway, workspaceId, 'admin');
    agent = await signInAsNewMember(gateway, workspaceId, 'agent');
    bot = await seedBot(tenants, workspaceId, 'Docs bot');
    otherBot = await seedBot(tenants, workspaceId, 'Other bot');
    stranger = await ApiClient.signUp(gateway.url);
    strangerBot = await seedBot(tenants, stranger.session!.workspaceId, 'Stranger bot');
  });
  afterAll(() => gateway.close());

  describe('website sources', () => {
    it('queues a website with defaults and reports it back', async () => {
      const queued = await queueWebsite(bot, { url: 'https://docs.example.com/start' });
      expect(queued).toEqual({
        id: expect.any(String),
        botId: bot,
        type: 'website',
        name: 'docs.example.com',
        status: 'queued',
        progress: 0,
        error: null,
        stats: { pages: 0, chunks: 0, embedded: 0, reused: 0 },
        config: {
          url: 'https://docs.example.com/start',
          sitemapUrl: null,
          maxPages: 200,
          maxDepth: 3,
        },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await agent.get<Source>(`${sources(bot)}/${queued.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(queued);
    });

    it('keeps the given name, sitemap and limits', async () => {
      const queued = await queueWebsite(bot, {
        url: 'http://help.example.org:8080/',
        sitemapUrl: 'https://help.example.org/sitemap.xml',
        maxPages: 5000,
        maxDepth: 0,
        name: '  Help centre ',
      });
      expect(queued).toMatchObject({
        name: 'Help centre',
        config: {
          url: 'http://help.example.org:8080/',
          sitemapUrl: 'https://help.example.org/sitemap.xml',
          maxPages: 5000,
          maxDepth: 0,
        },
      });
    });

    it.each([
      ['ftp://example.com/', 'must use http or https'],
      ['javascript:alert(1)', 'must use http or https'],
      ['docs.example.com', 'must be an absolute http or https URL'],
      ['https://user:secret@docs.example.com/', 'must not contain credentials'],
      ['https://token@docs.example.com/', 'must not contain credentials'],
      ['http://127.0.0.1/', 'internal'],
      ['http://127.8.9.10:8080/admin', 'internal'],
      ['http://10.0.0.5/', 'internal'],
      ['http://192.168.1.1/', 'internal'],
      ['http://172.16.0.1/', 'internal'],
      ['http://172.31.255.254/', 'internal'],
      ['http://169.254.169.254/latest/meta-data/', 'internal'],
      ['http://0.0.0.0/', 'internal'],
      ['http://localhost:3000/', 'internal'],
      ['http://LOCALHOST./', 'internal'],
      ['http://api.localhost/', 'internal'],
      ['http://[::1]/', 'internal'],
      ['http://[::ffff:127.0.0.1]/', 'internal'],
      ['http://[fd12:3456::1]/', 'internal'],
      ['http://[fe80::1]/', 'internal'],
      ['http://2130706433/', 'internal'], // 127.0.0.1 written as one decimal number
      ['http://0x7f.1/', 'internal'], // 127.0.0.1 in hex shorthand
      ['http://intranet/', 'must name a fully qualified public host'],
    ])('refuses %s for the crawler', async (url, problem) => {
      const res = await admin.post<ErrorBody>(`${sources(bot)}/websites`, { url });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['url']);
      const expected =
        problem === 'internal'
          ? 'must not point at a loopback, private or link-local host'
          : problem;
      expect(res.body.details[0].message).toBe(expected);
    });

    it('refuses an overlong or non-string url', async () => {
      for (const url of [`https://example.com/${'a'.repeat(2048)}`, 42, null]) {
        const res = await admin.post<ErrorBody>(`${sources(bot)}/websites`, { url });
        expect([res.status, res.body.details]).toEqual([
          400,
          [{ field: 'url', message: 'must be a URL of at most 2048 characters' }],
        ]);
      }
    });

    it('accepts public addresses next to the private ranges', async () => {
      for (const url of ['http://172.32.0.1/', 'http://11.0.0.1/', 'https://[2606:4700::1111]/']) {
        expect((await admin.post(`${sources(bot)}/websites`, { url })).status).toBe(202);
      }
    });

    it('applies the same rules to the sitemap, and bounds the limits', async () => {
      const base = { url: 'https://docs.example.com/' };
      const cases: [Record<string, unknown>, string[]][] = [
        [{ sitemapUrl: 'http://10.1.2.3/sitemap.xml' }, ['sitemapUrl']],
        [{ maxPages: 0, maxDepth: -1 }, ['maxDepth', 'maxPages']],
        [{ maxPages: 5001, maxDepth: 11 }, ['maxDepth', 'maxPages']],
        [{ maxPages: 2.5 }, ['maxPages']],
        [{ name: '' }, ['name']],
        [{ status: 'ready' }, ['status']],
      ];
      for (const [extra, fields] of cases) {
        const res = await admin.post<ErrorBody>(`${sources(bot)}/websites`, { ...base, ...extra });
        expect([res.status, fieldsOf(res.body)]).toEqual([400, fields]);
      }
      const missing = await admin.post<ErrorBody>(`${sources(bot)}/websites`, {});
      expect(fieldsOf(missing.body)).toEqual(['url']);
    });

    it('is for admins to queue and delete, agents to read', async () => {
      const queued = await queueWebsite(bot, { url: 'https://agents.example.com/' });
      expect(
        (await agent.post(`${sources(bot)}/websites`, { url: 'https://x.example.com/' })).status,
      ).toBe(403);
      expect((await agent.delete(`${sources(bot)}/${queued.id}`)).status).toBe(403);
      expect((await agent.get(`${sources(bot)}/${queued.id}`)).status).toBe(200);
      expect((await agent.get(sources(bot))).status).toBe(200);
    });

    it('answers 404 "Bot not found" for a foreign or malformed bot', async () => {
      for (const botId of [strangerBot, 'nope']) {
        const res = await admin.post<ErrorBody>(`${sources(botId)}/websites`, {
          url: 'https://docs.example.com/',
        });
        expect([res.status, res.body.message]).toEqual([404, 'Bot not found']);
        const list = await agent.get<ErrorBody>(sources(botId));
        expect([list.status, list.body.message]).toEqual([404, 'Bot not found']);
      }
    });
  });

  describe('source listing', () => {
    let listBot: string;
    let website: Source;
    let docSource: string;

    beforeAll(async () => {
      listBot = await seedBot(tenants, workspaceId, 'Listing');
      docSource = (await seedDocument(tenants, workspaceId, listBot, { status: 'ready' })).sourceId;
      website = await queueWebsite(listBot, { url: 'https://one.example.com/' });
      await queueWebsite(listBot, { url: 'https://two.example.com/' });
      await queueWebsite(otherBot, { url: 'https://other-bot.example.com/' });
      await queueWebsite(strangerBot, { url: 'https://stranger.example.com/' }, stranger);
    });

    it('lists every type of the bot only, newest first, in pages', async () => {
      const first = await agent.get<Page<Source>>(`${sources(listBot)}?limit=2`);
      const second = await agent.get<Page<Source>>(
        `${sources(listBot)}?limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(first.body.items.map((s) => s.name)).toEqual(['two.example.com', 'one.example.com']);
      expect(second.body.items.map((s) => s.id)).toEqual([docSource]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('filters by type and status', async () => {
      const websites = await agent.get<Page<Source>>(`${sources(listBot)}?type=website`);
      expect(websites.body.items.map((s) => s.type)).toEqual(['website', 'website']);
      const ready = await agent.get<Page<Source>>(`${sources(listBot)}?status=ready`);
      expect(ready.body.items.map((s) => s.id)).toEqual([docSource]);
      const both = await agent.get<Page<Source>>(`${sources(listBot)}?type=document&status=queued`);
      expect(both.body.items).toEqual([]);
      const bad = await agent.get<ErrorBody>(`${sources(listBot)}?type=video&status=done`);
      expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['status', 'type']]);
    });

    it("keeps sources under their own bot's path", async () => {
      const res = await agent.get<ErrorBody>(`${sources(otherBot)}/${website.id}`);
      expect([res.status, res.body.message]).toEqual([404, 'Knowledge source not found']);
      expect((await admin.delete(`${sources(otherBot)}/${website.id}`)).status).toBe(404);
      expect((await agent.get(`${sources(listBot)}/${website.id}`)).status).toBe(200);
    });

    it("hides another workspace's sources and leaves them alone", async () => {
      const theirs = await queueWebsite(
        strangerBot,
        { url: 'https://theirs.example.com/' },
        stranger,
      );
      expect((await owner.get(`${sources(listBot)}/${theirs.id}`)).status).toBe(404);
      expect((await owner.delete(`${sources(listBot)}/${theirs.id}`)).status).toBe(404);
      expect((await owner.get(`${sources(strangerBot)}/${theirs.id}`)).status).toBe(404);
      expect((await owner.delete(`${sources(strangerBot)}/${theirs.id}`)).status).toBe(404);
      const ours = await owner.get<Page<Source>>(`${sources(listBot)}?limit=100`);
      expect(ours.body.items.map((s) => s.id)).not.toContain(theirs.id);
      expect((await stranger.get(`${sources(strangerBot)}/${theirs.id}`)).status).toBe(200);
    });
  });

  describe('deleting a source', () => {
    it('soft-deletes it with its documents and removes its chunks, and nothing else', async () => {
      const doomed = await seedDocument(tenants, workspaceId, bot, { chunks: 3 });
      const kept = await seedDocument(tenants, workspaceId, bot, { chunks: 2 });
      expect((await knowledgeRowsOf(tenants, workspaceId, doomed.sourceId)).chunks).toBe(3);

      expect((await admin.delete(`${sources(bot)}/${doomed.sourceId}`)).status).toBe(204);

      expect(await knowledgeRowsOf(tenants, workspaceId, doomed.sourceId)).toEqual({
        chunks: 0,
        sourceDeleted: true,
        documentsDeleted: [true],
      });
      expect(await knowledgeRowsOf(tenants, workspaceId, kept.sourceId)).toEqual({
        chunks: 2,
        sourceDeleted: false,
        documentsDeleted: [false],
      });
      expect((await agent.get(`${sources(bot)}/${doomed.sourceId}`)).status).toBe(404);
      expect((await agent.get(`${documents(bot)}/${doomed.documentId}`)).status).toBe(404);
      const list = await agent.get<Page<Source>>(`${sources(bot)}?limit=100`);
      expect(list.body.items.map((s) => s.id)).not.toContain(doomed.sourceId);
      expect((await admin.delete(`${sources(bot)}/${doomed.sourceId}`)).status).toBe(404);
    });

    it('deletes a queued website source', async () => {
      const queued = await queueWebsite(bot, { url: 'https://gone.example.com/' });
      expect((await owner.delete(`${sources(bot)}/${queued.id}`)).status).toBe(204);
      expect((await knowledgeRowsOf(tenants, workspaceId, queued.id)).sourceDeleted).toBe(true);
    });
  });

  describe('documents', () => {
    let docBot: string;
    let seeded: { sourceId: string; documentId: string }[];

    beforeAll(async () => {
      docBot = await seedBot(tenants, workspaceId, 'Documents');
      seeded = [
        await seedDocument(tenants, workspaceId, docBot, { filename: 'a.pdf', status: 'ready' }),
        await seedDocument(tenants, workspaceId, docBot, { filename: 'b.pdf', status: 'queued' }),
        await seedDocument(tenants, workspaceId, docBot, { filename: 'c.pdf', status: 'ready' }),
      ];
      await seedDocument(tenants, workspaceId, otherBot, { filename: 'other-bot.pdf' });
    });

    it('lists the bot’s documents with their source status, in pages', async () => {
      const first = await agent.get<Page<DocumentBody>>(`${documents(docBot)}?limit=2`);
      const second = await agent.get<Page<DocumentBody>>(
        `${documents(docBot)}?limit=2&cursor=${first.body.nextCursor}`,
      );
      const all = [...first.body.items, ...second.body.items];
      expect(all.map((d) => d.filename)).toEqual(['c.pdf', 'b.pdf', 'a.pdf']);
      expect(second.body.nextCursor).toBeNull();
      expect(all.map((d) => d.source?.status)).toEqual(['ready', 'queued', 'ready']);
      expect(all[0]).toEqual({
        id: seeded[2].documentId,
        botId: docBot,
        sourceId: seeded[2].sourceId,
        filename: 'c.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 12345,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        pageCount: 3,
        source: { status: 'ready', progress: 100, error: null },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(JSON.stringify(all)).not.toContain('storageKey');
    });

    it('reads one document, under its own bot only', async () => {
      const path = `${documents(docBot)}/${seeded[1].documentId}`;
      const read = await agent.get<DocumentBody>(path);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ filename: 'b.pdf', source: { status: 'queued' } });
      const elsewhere = await agent.get<ErrorBody>(
        `${documents(otherBot)}/${seeded[1].documentId}`,
      );
      expect([elsewhere.status, elsewhere.body.message]).toEqual([404, 'Document not found']);
      expect((await admin.delete(`${documents(otherBot)}/${seeded[1].documentId}`)).status).toBe(
        404,
      );
      expect((await agent.get(`${documents(docBot)}/not-a-uuid`)).status).toBe(404);
    });

    it("hides another workspace's documents and leaves them alone", async () => {
      const theirs = await seedDocument(tenants, stranger.session!.workspaceId, strangerBot);
      for (const botId of [docBot, strangerBot]) {
        expect((await owner.get(`${documents(botId)}/${theirs.documentId}`)).status).toBe(404);
        expect((await owner.delete(`${documents(botId)}/${theirs.documentId}`)).status).toBe(404);
      }
      const ours = await owner.get<Page<DocumentBody>>(`${documents(docBot)}?limit=100`);
      expect(ours.body.items.map((d) => d.id)).not.toContain(theirs.documentId);
      expect(
        await knowledgeRowsOf(tenants, stranger.session!.workspaceId, theirs.sourceId),
      ).toEqual({ chunks: 2, sourceDeleted: false, documentsDeleted: [false] });
    });

    it('deletes a document with its source and chunks, for admins only', async () => {
      const doomed = await seedDocument(tenants, workspaceId, docBot, { filename: 'doomed.pdf' });
      const path = `${documents(docBot)}/${doomed.documentId}`;
      expect((await agent.delete(path)).status).toBe(403);
      expect((await knowledgeRowsOf(tenants, workspaceId, doomed.sourceId)).chunks).toBe(2);

      expect((await admin.delete(path)).status).toBe(204);

      expect(await knowledgeRowsOf(tenants, workspaceId, doomed.sourceId)).toEqual({
        chunks: 0,
        sourceDeleted: true,
        documentsDeleted: [true],
      });
      for (const other of seeded) {
        expect((await knowledgeRowsOf(tenants, workspaceId, other.sourceId)).chunks).toBe(2);
      }
      expect((await agent.get(path)).status).toBe(404);
      expect((await agent.get(`${sources(docBot)}/${doomed.sourceId}`)).status).toBe(404);
      const list = await agent.get<Page<DocumentBody>>(`${documents(docBot)}?limit=100`);
      expect(list.body.items.map((d) => d.id)).not.toContain(doomed.documentId);
    });

    it('answers 404 "Bot not found" for a foreign bot', async () => {
      const res = await agent.get<ErrorBody>(documents(strangerBot));
      expect([res.status, res.body.message]).toEqual([404, 'Bot not found']);
    });
  });
});
