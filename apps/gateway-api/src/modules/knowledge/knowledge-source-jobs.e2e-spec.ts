import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import {
  type KnowledgeSourceStatus,
  type LoaderIngestJobData,
  QueueNames,
} from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { ApiClient, type BootedService, bootService, signInAsNewMember } from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { jobsOfSource, uploadFiles } from './knowledge-ingest.test-helpers';
import { NOT_QUEUED_ERROR } from './source-jobs';
import { seedBot } from './knowledge.test-helpers';

interface Source {
  id: string;
  type: string;
  status: string;
  progress: number;
  error: string | null;
  stats: Record<string, number>;
}
interface ErrorBody {
  message: string;
}

describe('loader jobs of knowledge sources', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let workspaceId: string;
  let owner: ApiClient;
  let admin: ApiClient;
  let agent: ApiClient;
  let bot: string;

  const sources = `/api/v1/bots/:bot/sources`;
  const path = (suffix = '') => `${sources.replace(':bot', bot)}${suffix}`;
  const jobs = (sourceId: string) => jobsOfSource(gateway.app, sourceId);
  /** What the loader writes when a run ends. */
  const finishRun = async (sourceId: string, status: KnowledgeSourceStatus) => {
    const { models } = await tenants.scope(workspaceId);
    await models.KnowledgeSource.update(
      {
        status,
        progress: 100,
        error: status === 'failed' ? 'The PDF is password-protected' : null,
        stats: { pages: 3, chunks: 12, embedded: 10, reused: 2 },
      },
      { where: { id: sourceId } },
    );
  };
  const queueWebsite = async (body: Record<string, unknown>) => {
    const res = await admin.post<Source>(path('/websites'), body);
    expect(res.status).toBe(202);
    return res.body;
  };
  const uploadText = async (name: string) => {
    const res = await uploadFiles<{ items: { sourceId: string; documentId: string }[] }>(
      admin,
      bot,
      [{ name, bytes: `Contents of ${name}` }],
    );
    expect(res.status).toBe(202);
    return res.body.items[0];
  };

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    workspaceId = owner.session!.workspaceId;
    admin = await signInAsNewMember(gateway, workspaceId, 'admin');
    agent = await signInAsNewMember(gateway, workspaceId, 'agent');
    bot = await seedBot(tenants, workspaceId, 'Jobs bot');
  });
  afterAll(() => gateway.close());

  it('queues the crawl of a new website source, with its limits', async () => {
    const source = await queueWebsite({
      url: 'https://help.example.com/start',
      sitemapUrl: 'https://help.example.com/sitemap.xml',
      maxPages: 50,
      maxDepth: 2,
    });
    expect(await jobs(source.id)).toEqual<LoaderIngestJobData[]>([
      {
        workspaceId,
        botId: bot,
        sourceId: source.id,
        kind: 'website',
        reason: 'created',
        website: {
          startUrl: 'https://help.example.com/start',
          sitemapUrl: 'https://help.example.com/sitemap.xml',
          maxPages: 50,
          maxDepth: 2,
        },
        traceId: expect.any(String),
      },
    ]);
  });

  it('re-crawls a ready or failed website, one run at a time, resetting its progress', async () => {
    const source = await queueWebsite({ url: 'https://recrawl.example.com/' });
    const recrawl = () => admin.post<Source & ErrorBody>(path(`/${source.id}/recrawl`));

    const busy = await recrawl();
    expect([busy.status, busy.body.message]).toEqual([
      409,
      'The source is already queued; wait until it is ready or failed',
    ]);

    await finishRun(source.id, 'ready');
    const again = await recrawl();
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({
      id: source.id,
      status: 'queued',
      progress: 0,
      error: null,
      stats: { pages: 0, chunks: 0, embedded: 0, reused: 0 },
    });
    expect((await jobs(source.id)).map((job) => [job.reason, job.website?.startUrl])).toEqual([
      ['created', 'https://recrawl.example.com/'],
      ['recrawl', 'https://recrawl.example.com/'],
    ]);

    await finishRun(source.id, 'failed');
    const [first, second] = await Promise.all([recrawl(), recrawl()]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    expect((await jobs(source.id)).map((job) => job.reason)).toEqual([
      'created',
      'recrawl',
      'recrawl',
    ]);
  });

  it('re-processes an uploaded document from its stored file', async () => {
    const { sourceId, documentId } = await uploadText('faq.txt');
    expect((await admin.post(path(`/${sourceId}/reprocess`))).status).toBe(409);
    await finishRun(sourceId, 'failed');

    const res = await admin.post<Source>(path(`/${sourceId}/reprocess`));
    expect([res.status, res.body.status, res.body.error]).toEqual([202, 'queued', null]);
    const [created, reprocess] = await jobs(sourceId);
    expect(reprocess).toEqual({ ...created, reason: 'reprocess', traceId: expect.any(String) });
    expect(reprocess.document?.documentId).toBe(documentId);
  });

  it('re-crawls only websites and re-processes only documents', async () => {
    const document = await uploadText('guide.md');
    const website = await queueWebsite({ url: 'https://kinds.example.com/' });
    await finishRun(document.sourceId, 'ready');
    await finishRun(website.id, 'ready');
    const onDocument = await admin.post<ErrorBody>(path(`/${document.sourceId}/recrawl`));
    expect([onDocument.status, onDocument.body.message]).toEqual([
      409,
      'Only website sources can be re-crawled; this source is a document',
    ]);
    const onWebsite = await admin.post<ErrorBody>(path(`/${website.id}/reprocess`));
    expect([onWebsite.status, onWebsite.body.message]).toEqual([
      409,
      'Only document sources can be re-processed; this source is a website',
    ]);
    expect((await jobs(document.sourceId)).map((j) => j.reason)).toEqual(['created']);
    expect((await jobs(website.id)).map((j) => j.reason)).toEqual(['created']);
  });

  it('queues the clean-up of a deleted source or document with what the loader needs', async () => {
    const bySource = await uploadText('by-source.txt');
    const byDocument = await uploadText('by-document.txt');
    const website = await queueWebsite({ url: 'https://gone.example.com/' });
    const [createdBySource] = await jobs(bySource.sourceId);
    const [createdByDocument] = await jobs(byDocument.sourceId);

    expect((await admin.delete(path(`/${bySource.sourceId}`))).status).toBe(204);
    expect(
      (await admin.delete(`/api/v1/bots/${bot}/documents/${byDocument.documentId}`)).status,
    ).toBe(204);
    expect((await admin.delete(path(`/${website.id}`))).status).toBe(204);

    const deleteJob = async (sourceId: string) =>
      (await jobs(sourceId)).find((job) => job.reason === 'delete');
    expect(await deleteJob(bySource.sourceId)).toEqual({
      ...createdBySource,
      reason: 'delete',
      traceId: expect.any(String),
    });
    expect(await deleteJob(byDocument.sourceId)).toEqual({
      ...createdByDocument,
      reason: 'delete',
      traceId: expect.any(String),
    });
    expect(await deleteJob(website.id)).toMatchObject({
      kind: 'website',
      website: { startUrl: 'https://gone.example.com/' },
    });
    expect((await admin.post(path(`/${website.id}/recrawl`))).status).toBe(404);
  });

  it('lets only admins of the workspace re-run a source', async () => {
    const source = await queueWebsite({ url: 'https://roles.example.com/' });
    await finishRun(source.id, 'ready');
    expect((await agent.post(path(`/${source.id}/recrawl`))).status).toBe(403);
    const stranger = await ApiClient.signUp(gateway.url);
    const foreign = await stranger.post<ErrorBody>(path(`/${source.id}/recrawl`));
    expect([foreign.status, foreign.body.message]).toEqual([404, 'Bot not found']);
    expect((await admin.post(path('/not-a-uuid/recrawl'))).status).toBe(404);
    expect((await jobs(source.id)).map((j) => j.reason)).toEqual(['created']);
    expect((await owner.post(path(`/${source.id}/recrawl`))).status).toBe(202);
  });

  // Last: it closes the queue for good.
  it('marks a source failed, with a way out, when its job cannot be queued', async () => {
    await gateway.app.get<Queue>(getQueueToken(QueueNames.LoaderIngest)).close();
    const res = await admin.post<ErrorBody>(path('/websites'), {
      url: 'https://down.example.com/',
    });
    expect(res.status).toBe(503);
    const upload = await uploadFiles<ErrorBody>(admin, bot, [
      { name: 'a.txt', bytes: 'first' },
      { name: 'b.txt', bytes: 'second' },
    ]);
    expect(upload.status).toBe(503);
    const listed = await agent.get<{ items: Source[] }>(path('?limit=100&status=failed'));
    expect(listed.body.items.map((s) => [s.type, s.error])).toEqual([
      ['document', NOT_QUEUED_ERROR],
      ['document', NOT_QUEUED_ERROR],
      ['website', NOT_QUEUED_ERROR],
    ]);
  });
});
