import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import Bull from 'bull';
import { Redis } from 'ioredis';
import { Sequelize } from 'sequelize';
import { type LoaderIngestJobData, QueueNames } from '@cxgenie/contracts';
import { LocalFileStorage } from '@cxgenie/storage';
import {
  type BootedService,
  FakeOpenAi,
  type SpawnedService,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  bootService,
  eventually,
  spawnService,
} from '@cxgenie/testing';
import { VECTOR_STORE, type VectorStore } from '@cxgenie/vector-store';
import { JobEmbeddings } from '../../core-modules/embeddings/job-embeddings';
import { loaderService } from '../../loader.service';
import { MIME } from './e2e/ingestion-documents.test-helpers';
import { chunkRows, seedBot, seedDocumentSource, settled } from './e2e/ingestion.test-helpers';

const DIMENSIONS = 32;
const TOPICS = 350;

/** One chunk per topic, each naming its number, so a request's inputs say which batch it was. */
const topics = Array.from(
  { length: TOPICS },
  (_, i) =>
    `## Topic number ${i}\n\nTopic number ${i} covers how agents answer questions about case ${i}: ` +
    `what the customer provides, the processing time, who approves the request, how the customer ` +
    `is told about the decision, and where the agent records the outcome of the conversation. ` +
    `Escalations go to the team lead on duty, who answers within one business day.`,
).join('\n\n');

const topicsIn = (fake: FakeOpenAi): number[] =>
  fake
    .requestsTo('/v1/embeddings')
    .flatMap((r) => (r.body as { input: string[] }).input)
    .map((text) => Number(/Topic number (\d+)/.exec(text)?.[1]));

/**
 * What the time after a crash does to the dead worker's job, without waiting for it: its lock
 * expires (LOADER_INGEST_QUEUE_SETTINGS.lockDuration), and a stalled-job check marks it (Bull's
 * first pass, on the next stalledInterval). The next check, which the new worker runs when it
 * starts, then moves it back to wait.
 */
async function fastForwardToStalled(redis: Redis, prefix: string, jobId: string): Promise<void> {
  const key = (name: string) => `${prefix}:${QueueNames.LoaderIngest}:${name}`;
  await redis.del(key(`${jobId}:lock`), key('stalled-check'));
  await redis.sadd(key('stalled'), jobId);
}

describe('a loader killed mid-job', () => {
  const model = `text-embedding-3-small-${randomBytes(4).toString('hex')}`;
  const dataDir = `.data/test/resume-${process.pid}`;
  const env = {
    EMBEDDING_PROVIDER: 'openai',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    OPENAI_EMBEDDING_MODEL: model,
    OPENAI_EMBEDDING_DIMENSIONS: String(DIMENSIONS),
    QUEUE_PREFIX: `test-resume-${randomBytes(4).toString('hex')}`,
    DATA_DIR: dataDir,
    LOADER_METRICS_PORT: '0',
    LOADER_CONCURRENCY: '1',
  };
  let fake: FakeOpenAi;
  let sequelize: Sequelize;
  let redis: Redis;
  let queue: Bull.Queue<LoaderIngestJobData>;
  let first: SpawnedService | undefined;
  let second: BootedService | undefined;

  beforeAll(async () => {
    fake = await FakeOpenAi.start();
    Object.assign(env, { OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseURL });
    sequelize = new Sequelize(TEST_DATABASE_URL, { logging: false });
    redis = new Redis(TEST_REDIS_URL);
    queue = new Bull(QueueNames.LoaderIngest, { redis: TEST_REDIS_URL, prefix: env.QUEUE_PREFIX });
  });

  afterAll(async () => {
    await first?.kill('SIGKILL');
    await second?.close();
    await queue?.close();
    await redis?.quit();
    await sequelize?.query('DELETE FROM embedding_cache WHERE space = $1', {
      bind: [`openai/${model}@${DIMENSIONS}`],
    });
    await sequelize?.close();
    await fake?.close();
  });

  it('is finished by another loader without re-embedding or rewriting the committed batches', async () => {
    first = await spawnService('loader', env);
    const bot = await seedBot(sequelize, 'loader-resume');
    const storage = new LocalFileStorage(join(resolve(dataDir), 'uploads'));
    const job = await seedDocumentSource(sequelize, storage, bot, {
      filename: 'topics.md',
      mimeType: MIME.markdown,
      bytes: Buffer.from(topics),
    });
    // Two batches are answered; the third request hangs until its loader is gone.
    fake.enqueue({}, {}, { stallMs: 120_000 });
    const queued = await queue.add(job);

    await eventually(
      async () => {
        expect(fake.requestsTo('/v1/embeddings')).toHaveLength(3);
        expect(await chunkRows(sequelize, job.sourceId)).toHaveLength(200);
      },
      60_000,
      100,
    );
    const committed = await chunkRows(sequelize, job.sourceId);
    await first.kill('SIGKILL');
    await fastForwardToStalled(redis, env.QUEUE_PREFIX, String(queued.id));
    fake.reset();

    second = await bootService(loaderService, env);
    const row = await settled(sequelize, job.sourceId, 60_000);
    expect(row).toMatchObject({ status: 'ready', progress: 100, error: null });
    expect(row.stats).toEqual({ pages: 1, chunks: TOPICS, embedded: TOPICS, reused: 0 });

    // Only the unfinished batches reached the model: topics 200 to 349, in two requests.
    const sent = topicsIn(fake);
    expect(fake.requestsTo('/v1/embeddings')).toHaveLength(2);
    expect(sent.sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => 200 + i));

    const rows = await chunkRows(sequelize, job.sourceId);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: TOPICS }, (_, i) => i));
    expect(rows.slice(0, 200).map((r) => [r.id, r.created_at.getTime()])).toEqual(
      committed.map((r) => [r.id, r.created_at.getTime()]),
    );
    const store = second.app.get<VectorStore>(VECTOR_STORE);
    expect(await store.countBySource(second.app.get(JobEmbeddings).space, bot, job.sourceId)).toBe(
      TOPICS,
    );
  });
});
