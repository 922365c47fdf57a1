import type { Queue } from 'bull';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { ServiceEntry } from '@cxgenie/bootstrap';
import type {
  KnowledgeSourceProgressEvent,
  LoaderIngestJobData,
  RetrievedChunk,
  SearchResponse,
} from '@cxgenie/contracts';
import type { FileStorage } from '@cxgenie/storage';
import {
  type BootedService,
  bootService,
  eventually,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { VECTOR_STORE, type VectorStore } from '@cxgenie/vector-store';
import { JobEmbeddings } from '../../core-modules/embeddings/job-embeddings';
import { MetricsServer } from '../../core-modules/metrics/metrics-server';
import { LoaderModule } from '../../loader.module';
import { page, startTestSite } from '../crawling/crawl.test-helpers';
import {
  MIME,
  corruptPdf,
  docxBomb,
  handbookPdf,
  pricingXlsx,
  readDebianPdf,
  returnsPolicyDocx,
  scannedPdf,
} from './e2e/ingestion-documents.test-helpers';
import {
  type Bot,
  ProgressListener,
  type UploadedFile,
  chunkRows,
  handlesOf,
  seedBot,
  seedDocumentSource,
  seedWebsiteSource,
  settled,
  sourceRow,
} from './e2e/ingestion.test-helpers';

/** The loader as in production, but crawling with the plain fetch: the test site is on 127.0.0.1. */
const loaderCrawlingLocally: ServiceEntry = {
  name: 'loader',
  rootModule: (config, options) => LoaderModule.register(config, options, { crawlFetch: fetch }),
};

describe('loader: documents and websites to searchable knowledge (local embeddings)', () => {
  let loader: BootedService;
  let coreAi: SpawnedService;
  let listener: ProgressListener;
  let sequelize: Sequelize;
  let storage: FileStorage;
  let queue: Queue<LoaderIngestJobData>;
  let bot: Bot;

  beforeAll(async () => {
    listener = await ProgressListener.start();
    // Both in this process share its DATA_DIR, hence one LanceDB: the loader writes, core-ai reads.
    loader = await bootService(loaderCrawlingLocally, { LOADER_METRICS_PORT: '0' });
    coreAi = await spawnService('core-ai');
    ({ sequelize, storage, queue } = handlesOf(loader.app));
    bot = await seedBot(sequelize, 'loader-e2e');
  });

  afterAll(async () => {
    await loader?.close();
    await coreAi?.close();
    await listener?.close();
  });

  async function ingest(file: UploadedFile, target: Bot = bot) {
    const job = await seedDocumentSource(sequelize, storage, target, file);
    await queue.add(job);
    return { job, row: await settled(sequelize, job.sourceId) };
  }

  async function search(query: string, target: Bot = bot): Promise<RetrievedChunk[]> {
    const res = await fetch(`${coreAi.url}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...target, query, topK: 5 }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as SearchResponse).chunks;
  }

  const vectorCount = (sourceId: string) =>
    loader.app
      .get<VectorStore>(VECTOR_STORE)
      .countBySource(loader.app.get(JobEmbeddings).space, bot, sourceId);

  /** The last event has arrived once the row is final: wait for it to match. */
  const eventsOf = (sourceId: string, last: KnowledgeSourceProgressEvent['status']) =>
    eventually(() => {
      const events = listener.of(sourceId);
      expect(events.at(-1)?.status).toBe(last);
      return events;
    });

  it('ingests a multi-page PDF: processing to ready with monotonic progress, chunks keep their page, core-ai finds it', async () => {
    const { job, row } = await ingest({
      filename: 'Support handbook.pdf',
      mimeType: MIME.pdf,
      bytes: await handbookPdf(8),
    });
    expect(row).toMatchObject({ status: 'ready', progress: 100, error: null });
    expect(row.stats.pages).toBe(8);
    expect(row.stats.chunks).toBeGreaterThan(0);
    expect(row.stats.embedded + row.stats.reused).toBe(row.stats.chunks);

    const events = await eventsOf(job.sourceId, 'ready');
    expect(events[0]!.status).toBe('processing');
    expect(events.map((e) => e.progress)).toEqual(
      [...events.map((e) => e.progress)].sort((a, b) => a - b),
    );
    expect(events.at(-1)).toMatchObject({ progress: 100, stats: row.stats, error: null, ...bot });
    expect(events.slice(0, -1).every((e) => e.status === 'processing')).toBe(true);

    const chunks = await chunkRows(sequelize, job.sourceId);
    expect(chunks).toHaveLength(row.stats.chunks);
    expect(chunks.map((c) => c.position)).toEqual(chunks.map((_, i) => i));
    chunks.forEach((chunk) => {
      expect(chunk.document_id).toBe(job.document!.documentId);
      expect(chunk.metadata.title).toBe('Support handbook');
      expect(chunk.text).not.toContain('ACME Support Handbook');
      expect(chunk.text).not.toMatch(/Page \d of 8/);
    });
    const warranty = chunks.find((c) => c.text.includes('Case code P3-warranty'));
    expect(warranty?.metadata.page).toBe(3);
    expect(warranty?.metadata.headingPath).toBe('3 Policy 3 for warranty');
    expect(await vectorCount(job.sourceId)).toBe(chunks.length);

    const [best] = await search('What is the case code for warranty questions?');
    expect(best).toMatchObject({
      partition: 'documents',
      sourceId: job.sourceId,
      documentId: job.document!.documentId,
      title: 'Support handbook',
    });
    expect(best!.text).toContain('P3-warranty');
    const [{ page_count }] = await sequelize.query<{ page_count: number }>(
      'SELECT page_count FROM documents WHERE id = $1',
      { bind: [job.document!.documentId], type: QueryTypes.SELECT },
    );
    expect(page_count).toBe(8);
  });

  it('ingests a Word document, an Excel workbook and a PDF from a Debian package with their structure', async () => {
    const [docx, xlsx, debian] = await Promise.all([
      ingest({ filename: 'returns.docx', mimeType: MIME.docx, bytes: await returnsPolicyDocx() }),
      ingest({ filename: 'pricing.xlsx', mimeType: MIME.xlsx, bytes: await pricingXlsx() }),
      ingest({ filename: 'shared-mime-info-spec.pdf', mimeType: MIME.pdf, bytes: readDebianPdf() }),
    ]);
    [docx, xlsx, debian].forEach(({ row }) => expect(row.status).toBe('ready'));
    expect(debian.row.stats.pages).toBe(17);

    const [swiss] = await search('How much does return shipping cost from Switzerland?');
    expect(swiss).toMatchObject({ sourceId: docx.job.sourceId, title: 'returns' });
    expect(swiss!.text).toContain('Switzerland | 9.90 CHF');

    const [growth] = await search('monthly price of the Growth plan');
    expect(growth!.sourceId).toBe(xlsx.job.sourceId);
    expect(growth!.headingPath).toBe('Plans');
    expect(growth!.text).toContain('Plan: Growth | Monthly price: 57 | Seats: 10');

    const [glob] = await search('How are glob patterns matched against file names?');
    expect(glob!.sourceId).toBe(debian.job.sourceId);
    const debianChunks = await chunkRows(sequelize, debian.job.sourceId);
    expect(debianChunks.some((c) => c.metadata.headingPath.startsWith('2 Unified system'))).toBe(
      true,
    );
    expect(debianChunks.every((c) => !/^Shared MIME-info Database$/m.test(c.text))).toBe(true);
  });

  it('re-processes in place: nothing re-embedded, a shorter version leaves no stale chunk or vector', async () => {
    const { job, row } = await ingest({
      filename: 'Reprocessed handbook.pdf',
      mimeType: MIME.pdf,
      bytes: await handbookPdf(10),
    });
    const before = await chunkRows(sequelize, job.sourceId);

    await sequelize.query(`UPDATE knowledge_sources SET status = 'queued' WHERE id = $1`, {
      bind: [job.sourceId],
    });
    await queue.add({ ...job, reason: 'reprocess' });
    await eventually(async () =>
      expect((await sourceRow(sequelize, job.sourceId)).status).not.toBe('queued'),
    );
    const again = await settled(sequelize, job.sourceId);
    expect(again.stats).toEqual({ ...row.stats, embedded: 0, reused: row.stats.chunks });
    const after = await chunkRows(sequelize, job.sourceId);
    // Same positions, same rows: an unchanged document is not written again.
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));

    // The stored file replaced by a shorter version: the tail of the old one must go.
    await storage.put(job.document!.storageKey, await handbookPdf(3), MIME.pdf);
    await sequelize.query(`UPDATE knowledge_sources SET status = 'queued' WHERE id = $1`, {
      bind: [job.sourceId],
    });
    await queue.add({ ...job, reason: 'reprocess' });
    await eventually(async () =>
      expect((await sourceRow(sequelize, job.sourceId)).status).not.toBe('queued'),
    );
    const shorter = await settled(sequelize, job.sourceId);
    expect(shorter.status).toBe('ready');
    expect(shorter.stats.chunks).toBeLessThan(row.stats.chunks);
    expect(await chunkRows(sequelize, job.sourceId)).toHaveLength(shorter.stats.chunks);
    expect(await vectorCount(job.sourceId)).toBe(shorter.stats.chunks);
    const hits = await search('policy 9 for passwords case code');
    expect(hits.some((hit) => hit.sourceId === job.sourceId && hit.text.includes('P9-'))).toBe(
      false,
    );
  });

  it('removes a deleted source: vectors, chunks and the stored file', async () => {
    const { job } = await ingest({
      filename: 'to-delete.md',
      mimeType: MIME.markdown,
      bytes: Buffer.from(
        '# Loyalty points\n\nLoyalty points expire after 24 months of inactivity.',
      ),
    });
    expect(await vectorCount(job.sourceId)).toBeGreaterThan(0);
    await sequelize.query('UPDATE knowledge_sources SET deleted_at = now() WHERE id = $1', {
      bind: [job.sourceId],
    });
    await queue.add({ ...job, reason: 'delete' });
    await eventually(async () => {
      expect(await storage.exists(job.document!.storageKey)).toBe(false);
      expect(await chunkRows(sequelize, job.sourceId)).toHaveLength(0);
      expect(await vectorCount(job.sourceId)).toBe(0);
    }, 15_000);
    const hits = await search('When do loyalty points expire?');
    expect(hits.some((hit) => hit.sourceId === job.sourceId)).toBe(false);
  });

  const badInputs: { name: string; file: () => Promise<UploadedFile>; reason: RegExp }[] = [
    {
      name: 'a corrupt PDF',
      file: async () => ({ filename: 'broken.pdf', mimeType: MIME.pdf, bytes: corruptPdf() }),
      reason: /^the PDF is damaged and cannot be read/,
    },
    {
      name: 'a password-protected PDF',
      file: async () => ({
        filename: 'locked.pdf',
        mimeType: MIME.pdf,
        bytes: await handbookPdf(2, { userPassword: 'open sesame' }),
      }),
      reason: /^the PDF is password-protected: remove the password and upload it again$/,
    },
    {
      name: 'an empty file',
      file: async () => ({ filename: 'empty.txt', mimeType: MIME.text, bytes: Buffer.alloc(0) }),
      reason: /^the file is empty$/,
    },
    {
      name: 'a DOCX zip bomb',
      file: async () => ({ filename: 'bomb.docx', mimeType: MIME.docx, bytes: await docxBomb(64) }),
      reason: /zip bomb/,
    },
    {
      name: 'an unsupported type',
      file: async () => ({
        filename: 'archive.pdf',
        mimeType: 'application/zip',
        bytes: Buffer.from('PK\u0003\u0004not really'),
      }),
      reason: /^unsupported file type application\/zip \(supported: PDF, DOCX/,
    },
    {
      name: 'a scanned PDF',
      file: async () => ({ filename: 'scan.pdf', mimeType: MIME.pdf, bytes: await scannedPdf(3) }),
      reason: /^no extractable text — scanned PDF\? OCR is not supported$/,
    },
    {
      name: 'a huge text file',
      file: async () => ({
        filename: 'dump.txt',
        mimeType: MIME.text,
        bytes: Buffer.from('lorem ipsum dolor '.repeat(300_000)),
      }),
      reason: /^the document holds more than 5000000 characters of text/,
    },
  ];

  it.each(badInputs)(
    'fails $name with a clear reason and indexes nothing',
    async ({ file, reason }) => {
      const { job, row } = await ingest(await file());
      expect(row.status).toBe('failed');
      expect(row.error).toMatch(reason);
      const events = await eventsOf(job.sourceId, 'failed');
      expect(events.at(-1)!.error).toBe(row.error);
      expect(await chunkRows(sequelize, job.sourceId)).toHaveLength(0);
      expect(await vectorCount(job.sourceId)).toBe(0);
    },
  );

  it('crawls a website into the websites partition, one page per chunk set, with its URL', async () => {
    const site = await startTestSite({
      '/robots.txt': {
        type: 'text/plain',
        body: 'User-agent: *\nDisallow: /private\nSitemap: ${origin}/sitemap.xml',
      },
      '/sitemap.xml': {
        type: 'application/xml',
        body:
          '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
          '<url><loc>${origin}/shipping</loc></url><url><loc>${origin}/gone</loc></url></urlset>',
      },
      '/': { body: page('Help centre', ['/shipping', '/returns', '/private/admin']) },
      '/shipping': {
        body:
          '<html><head><title>Shipping</title></head><body><nav>Home Shop Cart</nav><main>' +
          '<h1>Shipping</h1><p>Parcels to Norway take six to eight working days by road.</p>' +
          '</main><footer>© ACME</footer></body></html>',
      },
      '/returns': {
        body:
          '<html><head><title>Returns</title></head><body><article><h1>Returns</h1>' +
          '<p>Returns are free within 30 days.</p></article></body></html>',
      },
    });
    try {
      // A bot of its own: the other tests' documents must not compete in the ranking below.
      const websiteBot = await seedBot(sequelize, 'loader-e2e-website');
      const job = await seedWebsiteSource(sequelize, websiteBot, {
        startUrl: `${site.origin}/`,
        sitemapUrl: null,
        maxPages: 10,
        maxDepth: 2,
      });
      await queue.add(job);
      const row = await settled(sequelize, job.sourceId);
      expect(row.status).toBe('ready');
      expect(row.stats.pages).toBe(3);
      const chunks = await chunkRows(sequelize, job.sourceId);
      const shipping = chunks.find((c) => c.text.includes('Norway'));
      expect(shipping?.metadata).toMatchObject({
        url: `${site.origin}/shipping`,
        title: 'Shipping',
      });
      expect(shipping?.document_id).toBeNull();
      expect(chunks.some((c) => c.text.includes('Home Shop Cart'))).toBe(false);
      expect(site.requests).not.toContain('/private/admin');

      const [best] = await search('How long does shipping to Norway take?', websiteBot);
      expect(best).toMatchObject({
        partition: 'websites',
        sourceId: job.sourceId,
        title: 'Shipping',
      });
    } finally {
      await site.close();
    }
  });

  it('fails a website with no readable page, naming what the crawler met', async () => {
    const site = await startTestSite({ '/robots.txt': { type: 'text/plain', body: '' } });
    try {
      const job = await seedWebsiteSource(sequelize, bot, {
        startUrl: `${site.origin}/missing`,
        sitemapUrl: null,
        maxPages: 5,
        maxDepth: 1,
      });
      await queue.add(job);
      const row = await settled(sequelize, job.sourceId);
      expect(row.status).toBe('failed');
      expect(row.error).toMatch(
        new RegExp(`^no readable page was found at ${site.origin}/missing \\(.*404`),
      );
    } finally {
      await site.close();
    }
  });

  it('exports Prometheus metrics on its own port: documents by type, failures by reason, embeddings, stages', async () => {
    const port = loader.app.get(MetricsServer).port;
    expect(port).toBeGreaterThan(0);
    const scrape = async () => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return (metric: string) => {
        const escaped = metric.replace(/[{}"=,]/g, (c) => `\\${c}`);
        return Number(new RegExp(`^${escaped} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
      };
    };
    const before = await scrape();
    const ok = await ingest({
      filename: 'two.pdf',
      mimeType: MIME.pdf,
      bytes: await handbookPdf(2),
    });
    await ingest({
      filename: 'locked.pdf',
      mimeType: MIME.pdf,
      bytes: await handbookPdf(1, { userPassword: 'pw' }),
    });
    // The counters move just after the outcome is committed, so a scrape may come in between.
    await eventually(async () => {
      const after = await scrape();
      const delta = (metric: string) => after(metric) - before(metric);

      expect(delta('loader_documents_processed_total{type="pdf"}')).toBe(1);
      expect(delta('loader_documents_failed_total{type="pdf",reason="password_protected"}')).toBe(
        1,
      );
      expect(delta('loader_pages_total{type="pdf"}')).toBe(2);
      expect(delta('loader_chunks_total{type="pdf"}')).toBe(ok.row.stats.chunks);
      expect(
        delta('loader_chunk_embeddings_total{outcome="embedded"}') +
          delta('loader_chunk_embeddings_total{outcome="reused"}'),
      ).toBe(ok.row.stats.chunks);
      for (const stage of ['download', 'extract', 'clean', 'chunk', 'embed', 'index']) {
        expect(delta(`loader_stage_duration_seconds_count{stage="${stage}"}`)).toBeGreaterThan(0);
      }
      expect(delta('loader_stage_duration_seconds_count{stage="total"}')).toBe(2);
    });
    // The same registry answers on the service port.
    expect(await (await fetch(`${loader.url}/metrics`)).text()).toContain('loader_chunks_total');
  });
});
