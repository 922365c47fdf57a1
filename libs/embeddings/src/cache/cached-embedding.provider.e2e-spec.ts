import { randomBytes } from 'node:crypto';
import { QueryTypes, Sequelize } from 'sequelize';
import {
  FakeOpenAi,
  type RecordedRequest,
  TEST_DATABASE_URL,
  countQueries,
  fakeEmbedding,
} from '@cxgenie/testing';
import { spaceKey } from '../embedding-provider';
import { OpenAiEmbeddingProvider } from '../openai/openai-embedding.provider';
import { CachedEmbeddingProvider } from './cached-embedding.provider';
import { embeddingContentHash } from './embedding-cache.store';
import { PgEmbeddingCacheStore } from './pg-embedding-cache.store';

const DIMENSIONS = 16;

const inputsOf = (requests: RecordedRequest[]) =>
  requests.map((r) => (r.body as { input: string[] }).input);
const unit = (vector: number[]) => {
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return vector.map((v) => v / norm);
};
const expectVectorOf = (vector: number[] | undefined, text: string) =>
  unit(fakeEmbedding(text, DIMENSIONS)).forEach((v, i) => expect(vector?.[i]).toBeCloseTo(v, 6));

describe('CachedEmbeddingProvider over PostgreSQL (migration 0005) and the OpenAI wire fake', () => {
  // A model name of its own, so rows left by other runs of this suite are never hits here.
  const model = `test-embedding-${randomBytes(4).toString('hex')}`;
  const sequelize = new Sequelize(TEST_DATABASE_URL, { logging: false });
  const store = new PgEmbeddingCacheStore(sequelize);
  let fake: FakeOpenAi;
  let openai: OpenAiEmbeddingProvider;

  beforeAll(async () => {
    fake = await FakeOpenAi.start();
    openai = new OpenAiEmbeddingProvider({
      apiKey: fake.apiKey,
      baseURL: fake.baseURL,
      model,
      dimensions: DIMENSIONS,
    });
  });
  afterAll(async () => {
    await sequelize.query('DELETE FROM embedding_cache WHERE space LIKE $1', {
      bind: [`openai/${model}@%`],
    });
    await sequelize.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const embeddingRequests = () => fake.requestsTo('/v1/embeddings');

  it('embeds a text once: the same texts again make no request and return the same vectors', async () => {
    const texts = ['How do I reset my password?', 'Where is my order?', 'Do you ship abroad?'];
    const first = new CachedEmbeddingProvider(openai, store);
    const fresh = await first.embed(texts);
    expect(inputsOf(embeddingRequests())).toEqual([texts]);
    expect(first.stats()).toEqual({ requested: 3, hits: 0, misses: 3 });

    fake.reset();
    const second = new CachedEmbeddingProvider(openai, store);
    const reused = await second.embed(texts);

    expect(embeddingRequests()).toHaveLength(0);
    expect(second.stats()).toEqual({ requested: 3, hits: 3, misses: 0 });
    reused.forEach((vector, i) => {
      expect(vector).toHaveLength(DIMENSIONS);
      fresh[i]!.forEach((v, d) => expect(vector[d]).toBeCloseTo(v, 6));
    });
  });

  it('sends only the misses, each distinct text once, and answers in input order', async () => {
    const cached = new CachedEmbeddingProvider(openai, store);
    await cached.embed(['known one', 'known two']);
    fake.reset();

    const texts = ['known one', 'new text', 'new text', 'known two', 'another new', 'new text'];
    const vectors = await cached.embed(texts);

    expect(inputsOf(embeddingRequests())).toEqual([['new text', 'another new']]);
    vectors.forEach((vector, i) => expectVectorOf(vector, texts[i]!));
    expect(cached.stats()).toEqual({ requested: 2 + 6, hits: 4, misses: 2 + 2 });
  });

  it('reads with one SELECT and writes with one INSERT per call', async () => {
    const cached = new CachedEmbeddingProvider(openai, store);
    const texts = Array.from({ length: 40 }, (_, i) => `batch text ${i}`);

    const { queries } = await countQueries(sequelize, () => cached.embed(texts));

    const statements = queries.map((sql) => /\b(SELECT|INSERT|UPDATE|DELETE)\b/.exec(sql)?.[1]);
    expect(statements).toEqual(['SELECT', 'INSERT']);
    const [stored] = await sequelize.query<{ rows: string }>(
      'SELECT count(*) AS rows FROM embedding_cache WHERE space = $1 AND content_hash = ANY($2)',
      {
        bind: [spaceKey(openai.space), texts.map(embeddingContentHash)],
        type: QueryTypes.SELECT,
      },
    );
    expect(Number(stored?.rows)).toBe(40);
  });

  it('keys vectors by space: the same text in another dimension is embedded again', async () => {
    const cached = new CachedEmbeddingProvider(openai, store);
    await cached.embed(['space test']);
    const wider = new OpenAiEmbeddingProvider({
      apiKey: fake.apiKey,
      baseURL: fake.baseURL,
      model,
      dimensions: DIMENSIONS * 2,
    });
    fake.reset();

    const [vector] = await new CachedEmbeddingProvider(wider, store).embed(['space test']);

    expect(inputsOf(embeddingRequests())).toEqual([['space test']]);
    expect(vector).toHaveLength(DIMENSIONS * 2);
  });

  it('still answers, as all misses, when the store is unreachable', async () => {
    const closed = new Sequelize(TEST_DATABASE_URL, { logging: false });
    await closed.close();
    const cached = new CachedEmbeddingProvider(openai, new PgEmbeddingCacheStore(closed));

    const [vector] = await cached.embed(['How do I reset my password?']);

    expectVectorOf(vector, 'How do I reset my password?');
    expect(cached.stats()).toEqual({ requested: 1, hits: 0, misses: 1 });
  });
});
