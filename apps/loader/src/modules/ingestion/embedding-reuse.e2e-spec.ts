import { randomBytes } from 'node:crypto';
import type { Queue } from 'bull';
import type { Sequelize } from 'sequelize';
import type { LoaderIngestJobData } from '@cxgenie/contracts';
import type { FileStorage } from '@cxgenie/storage';
import { type BootedService, FakeOpenAi, bootService } from '@cxgenie/testing';
import { VECTOR_STORE, type VectorStore } from '@cxgenie/vector-store';
import { JobEmbeddings } from '../../core-modules/embeddings/job-embeddings';
import { loaderService } from '../../loader.service';
import { MIME, handbookPdf } from './e2e/ingestion-documents.test-helpers';
import {
  type Bot,
  type UploadedFile,
  chunkRows,
  handlesOf,
  seedBot,
  seedDocumentSource,
  settled,
} from './e2e/ingestion.test-helpers';

const DIMENSIONS = 64;

const inputsOf = (fake: FakeOpenAi): string[] =>
  fake.requestsTo('/v1/embeddings').flatMap((r) => (r.body as { input: string[] }).input);

/** Sections long enough to be chunks of their own: one chunk per topic. */
const manyTopics = (count: number, tag: string) =>
  Array.from(
    { length: count },
    (_, i) =>
      `## Topic ${i} of ${tag}\n\nThe support answer for topic ${i} of ${tag} explains eligibility, ` +
      `the documents the customer sends, the usual processing time of ${i + 2} working days, ` +
      `who approves the request and how the customer is told about the decision by email. ` +
      `Agents record the outcome on the ticket and link the policy page in their reply.`,
  ).join('\n\n');

describe('loader with OpenAI embeddings at the wire: reuse and failures', () => {
  // A model of its own: embedding-cache rows of earlier runs never count as reuse here.
  const model = `text-embedding-3-small-${randomBytes(4).toString('hex')}`;
  let fake: FakeOpenAi;
  let loader: BootedService;
  let sequelize: Sequelize;
  let storage: FileStorage;
  let queue: Queue<LoaderIngestJobData>;
  let bot: Bot;

  beforeAll(async () => {
    fake = await FakeOpenAi.start();
    loader = await bootService(loaderService, {
      EMBEDDING_PROVIDER: 'openai',
      OPENAI_API_KEY: fake.apiKey,
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_EMBEDDING_MODEL: model,
      OPENAI_EMBEDDING_DIMENSIONS: String(DIMENSIONS),
      LOADER_METRICS_PORT: '0',
    });
    ({ sequelize, storage, queue } = handlesOf(loader.app));
    bot = await seedBot(sequelize, 'loader-reuse');
  });

  afterAll(async () => {
    await sequelize?.query('DELETE FROM embedding_cache WHERE space = $1', {
      bind: [`openai/${model}@${DIMENSIONS}`],
    });
    await loader?.close();
    await fake?.close();
  });

  beforeEach(() => fake.reset());

  async function ingest(file: UploadedFile) {
    const job = await seedDocumentSource(sequelize, storage, bot, file);
    // One attempt: what a single run does (retries are the queue's, tested with the resume).
    await queue.add(job, { attempts: 1 });
    return { job, row: await settled(sequelize, job.sourceId) };
  }

  const vectorCount = (sourceId: string) =>
    loader.app
      .get<VectorStore>(VECTOR_STORE)
      .countBySource(loader.app.get(JobEmbeddings).space, bot, sourceId);

  it('embeds a document once: re-uploading it, even as a browser-renamed copy, makes no embedding call', async () => {
    const bytes = await handbookPdf(12);
    const first = await ingest({ filename: 'Handbook.pdf', mimeType: MIME.pdf, bytes });
    expect(first.row.status).toBe('ready');
    const { chunks } = first.row.stats;
    expect(first.row.stats).toMatchObject({ embedded: chunks, reused: 0 });
    expect(new Set(inputsOf(fake)).size).toBe(chunks);
    expect(fake.requestsTo('/v1/embeddings').length).toBe(Math.ceil(chunks / 100));

    fake.reset();
    const again = await ingest({ filename: 'Handbook (1).pdf', mimeType: MIME.pdf, bytes });
    expect(again.row).toMatchObject({ status: 'ready', error: null });
    expect(fake.requestsTo('/v1/embeddings')).toHaveLength(0);
    expect(again.row.stats).toEqual({ pages: 12, chunks, embedded: 0, reused: chunks });
    // An identical file is not even extracted again: the first upload's chunks are taken.
    expect(
      loader.logs
        .withTraceId(again.job.traceId)
        .some((line) => /same file as an earlier upload/.test(line.msg ?? '')),
    ).toBe(true);
    const [firstChunks, againChunks] = await Promise.all([
      chunkRows(sequelize, first.job.sourceId),
      chunkRows(sequelize, again.job.sourceId),
    ]);
    expect(againChunks.map((c) => [c.text, c.metadata.page, c.metadata.headingPath])).toEqual(
      firstChunks.map((c) => [c.text, c.metadata.page, c.metadata.headingPath]),
    );
    expect(new Set(againChunks.map((c) => c.document_id))).toEqual(
      new Set([again.job.document!.documentId]),
    );
    expect(await vectorCount(again.job.sourceId)).toBe(chunks);
  });

  it('embeds in batches of 100 and only what is new', async () => {
    const known = manyTopics(150, 'warranty');
    await ingest({ filename: 'warranty.md', mimeType: MIME.markdown, bytes: Buffer.from(known) });
    expect(
      fake.requestsTo('/v1/embeddings').map((r) => (r.body as { input: string[] }).input.length),
    ).toEqual([100, 50]);

    fake.reset();
    // The same 150 topics plus 30 new ones: only the new ones reach the model.
    const extended = `${known}\n\n${manyTopics(30, 'exchanges')}`;
    const { row } = await ingest({
      filename: 'warranty.md',
      mimeType: MIME.markdown,
      bytes: Buffer.from(extended),
    });
    expect(row.stats).toMatchObject({ chunks: 180, embedded: 30, reused: 150 });
    const sent = inputsOf(fake);
    expect(sent).toHaveLength(30);
    expect(sent.every((text) => text.includes('exchanges'))).toBe(true);
  });

  it('fails with the reason when the embedding API refuses half-way, leaving nothing searchable', async () => {
    fake.enqueue({}, { status: 400 });
    const { job, row } = await ingest({
      filename: 'refused.md',
      mimeType: MIME.markdown,
      bytes: Buffer.from(manyTopics(250, 'refused')),
    });
    expect(fake.requestsTo('/v1/embeddings')).toHaveLength(2);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/^processing failed: .*400/);
    // The first batch had been indexed; a failed source keeps none of it.
    expect(await chunkRows(sequelize, job.sourceId)).toHaveLength(0);
    expect(await vectorCount(job.sourceId)).toBe(0);
  });
});
