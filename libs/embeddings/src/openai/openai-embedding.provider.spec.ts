import { FakeOpenAi, type RecordedRequest, eventually, fakeEmbedding } from '@cxgenie/testing';
import { countTokens } from '@cxgenie/text-processing';
import { EmbeddingRequestError } from './embedding-request.error';
import { type OpenAiEmbeddingOptions, OpenAiEmbeddingProvider } from './openai-embedding.provider';

const DIMENSIONS = 8;

interface EmbeddingsBody {
  model: string;
  input: string[];
  dimensions: number;
  encoding_format: string;
}

const bodyOf = (request: RecordedRequest) => request.body as EmbeddingsBody;
const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
const unit = (vector: number[]) => vector.map((v) => v / norm(vector));

describe('OpenAiEmbeddingProvider, with the real SDK against the OpenAI wire fake', () => {
  let fake: FakeOpenAi;

  beforeAll(async () => {
    fake = await FakeOpenAi.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const provider = (options: Partial<OpenAiEmbeddingOptions> = {}) =>
    new OpenAiEmbeddingProvider({
      apiKey: fake.apiKey,
      baseURL: fake.baseURL,
      dimensions: DIMENSIONS,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      ...options,
    });
  const embeddingRequests = () => fake.requestsTo('/v1/embeddings');

  it('sends 250 inputs as requests of at most 100 and returns unit vectors in input order', async () => {
    const texts = Array.from({ length: 250 }, (_, i) => `question number ${i} about shipping`);

    const vectors = await provider().embed(texts);

    const requests = embeddingRequests();
    expect(requests.map((r) => bodyOf(r).input.length).sort()).toEqual([100, 100, 50]);
    // Concurrent requests may arrive in any order; together they carry every text exactly once.
    const sent = requests.flatMap((r) => bodyOf(r).input).sort();
    expect(sent).toEqual([...texts].sort());
    expect(bodyOf(requests[0]!)).toMatchObject({
      model: 'text-embedding-3-large',
      dimensions: DIMENSIONS,
      encoding_format: 'base64',
    });
    expect(vectors).toHaveLength(250);
    vectors.forEach((vector, i) => {
      expect(norm(vector)).toBeCloseTo(1, 6);
      unit(fakeEmbedding(texts[i]!, DIMENSIONS)).forEach((v, d) =>
        expect(vector[d]).toBeCloseTo(v, 6),
      );
    });
  });

  it('starts a new request when the next input would exceed the token budget', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `${i} ${'lorem ipsum dolor '.repeat(100)}`);
    const tokensEach = countTokens(texts[0]!);
    const budget = tokensEach * 3 + 10;

    const vectors = await provider({ maxTokensPerRequest: budget }).embed(texts);

    const requests = embeddingRequests();
    expect(requests).toHaveLength(4);
    for (const request of requests) {
      const tokens = bodyOf(request).input.reduce((sum, text) => sum + countTokens(text), 0);
      expect(tokens).toBeLessThanOrEqual(budget);
    }
    expect(vectors.map((v) => v[0])).toEqual(
      texts.map((t) => expect.closeTo(unit(fakeEmbedding(t, DIMENSIONS))[0]!, 6)),
    );
  });

  it('asks for the configured dimensions and returns vectors of that length', async () => {
    const embedder = provider({ model: 'text-embedding-3-small', dimensions: 256 });

    const [vector] = await embedder.embed(['hello']);

    expect(bodyOf(embeddingRequests()[0]!).dimensions).toBe(256);
    expect(vector).toHaveLength(256);
    expect(embedder.space).toEqual({ model: 'openai/text-embedding-3-small', dimensions: 256 });
  });

  it('truncates an input longer than the model limit instead of failing', async () => {
    const long = 'refund policy '.repeat(6_000);
    expect(countTokens(long)).toBeGreaterThan(8192);

    const [vector] = await provider().embed([long]);

    const sent = bodyOf(embeddingRequests()[0]!).input[0]!;
    expect(countTokens(sent)).toBe(8191);
    expect(long.startsWith(sent)).toBe(true);
    expect(vector).toHaveLength(DIMENSIONS);
  });

  it('retries a 429 after the wait retry-after-ms asks for', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after-ms': '300' } });

    const [vector] = await provider().embed(['rate limited']);

    const [first, second] = embeddingRequests();
    expect(embeddingRequests()).toHaveLength(2);
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(290);
    expect(vector).toHaveLength(DIMENSIONS);
  });

  it('prefers retry-after over its own backoff', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after': '0' } });
    const startedAt = Date.now();

    await provider({ retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }).embed(['now']);

    expect(embeddingRequests()).toHaveLength(2);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('retries a 500 and succeeds', async () => {
    fake.enqueue({ status: 500 });

    const vectors = await provider().embed(['a', 'b']);

    expect(embeddingRequests()).toHaveLength(2);
    expect(vectors).toHaveLength(2);
  });

  it('gives up after the configured retries with the last status', async () => {
    fake.enqueue({ status: 503 }, { status: 503 }, { status: 503 });

    const failure = provider({ retry: { maxRetries: 2, baseDelayMs: 1 } }).embed(['x']);

    await expect(failure).rejects.toMatchObject({ name: 'EmbeddingRequestError', status: 503 });
    expect(embeddingRequests()).toHaveLength(3);
  });

  it('fails on a 401 at once, saying the key was refused', async () => {
    const failure = provider({ apiKey: 'sk-wrong' }).embed(['secret']);

    await expect(failure).rejects.toThrow(EmbeddingRequestError);
    await expect(failure).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/refused.*request req_[0-9a-f]+.*API key/),
    });
    expect(embeddingRequests()).toHaveLength(1);
  });

  it('rejects an empty text without calling the API', async () => {
    await expect(provider().embed(['fine', '  '])).rejects.toThrow(/input 1 is empty/);
    expect(embeddingRequests()).toHaveLength(0);
  });

  it('aborts the HTTP request when the caller aborts', async () => {
    fake.enqueue({ stallMs: 10_000 });
    const controller = new AbortController();

    const pending = provider().embed(['slow'], controller.signal);
    await eventually(() => expect(embeddingRequests()).toHaveLength(1));
    controller.abort();

    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await eventually(() => expect(embeddingRequests()[0]!.closedEarly).toBe(true));
  });
});
