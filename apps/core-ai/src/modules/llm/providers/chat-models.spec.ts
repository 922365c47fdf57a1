import { setTimeout as delay } from 'node:timers/promises';
import { FakeAnthropic, FakeOpenAi, type RecordedRequest, eventually } from '@cxgenie/testing';
import { type ChatModel, ChatModelError, type ChatRequest } from '../chat-model.port';
import { AnthropicChatModel } from './anthropic-chat.model';
import { OpenAiChatModel, type OpenAiChatModelOptions } from './openai-chat.model';
import type { ChatStreamOptions } from './stream-with-retries';

type WireFake = Pick<FakeOpenAi, 'enqueue' | 'requests' | 'reset' | 'close' | 'apiKey' | 'baseURL'>;

interface Harness {
  provider: 'openai' | 'anthropic';
  model: string;
  start(): Promise<WireFake>;
  chatModel(fake: WireFake, options?: ChatStreamOptions & { apiKey?: string }): ChatModel;
  systemOnWire(body: Record<string, unknown>): unknown;
  turnsOnWire(body: Record<string, unknown>): unknown;
}

const FAST: ChatStreamOptions = {
  firstTokenTimeoutMs: 2_000,
  idleTimeoutMs: 2_000,
  retry: { baseDelayMs: 1, maxDelayMs: 5 },
};

const harnesses: Harness[] = [
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    start: () => FakeOpenAi.start(),
    chatModel: (fake, options) =>
      new OpenAiChatModel({ apiKey: fake.apiKey, baseURL: fake.baseURL, ...FAST, ...options }),
    systemOnWire: (body) => (body.messages as { role: string; content: string }[])[0],
    turnsOnWire: (body) => (body.messages as unknown[]).slice(1),
  },
  {
    provider: 'anthropic',
    model: 'claude-haiku-5-5',
    start: () => FakeAnthropic.start(),
    chatModel: (fake, options) =>
      new AnthropicChatModel({ apiKey: fake.apiKey, baseURL: fake.baseURL, ...FAST, ...options }),
    systemOnWire: (body) => body.system,
    turnsOnWire: (body) => body.messages,
  },
];

const REPLY = 'VERDICT: YES\n\nHello! Your order #1234 ships tomorrow, tracking follows by email.';

const request = (model: string, overrides: Partial<ChatRequest> = {}): ChatRequest => ({
  model,
  system: 'You are the support assistant of Acme. Answer from the knowledge only.',
  messages: [
    { role: 'user', content: 'Where is my order?' },
    { role: 'assistant', content: 'Could you give me the order number?' },
    { role: 'user', content: 'It is #1234' },
  ],
  temperature: 0.3,
  maxOutputTokens: 321,
  ...overrides,
});

/** Consumes a stream to its end or its error; `onDelta` may pause or stop the consumer. */
async function consume(
  stream: AsyncIterable<string>,
  onDelta?: (deltas: string[]) => Promise<'stop' | void> | 'stop' | void,
): Promise<{ deltas: string[]; error: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) {
      deltas.push(delta);
      if ((await onDelta?.(deltas)) === 'stop') break;
    }
    return { deltas, error: null };
  } catch (error) {
    return { deltas, error };
  }
}

describe.each(harnesses)('$provider chat model, with the real SDK at the wire', (harness) => {
  let fake: WireFake;
  const bodyOf = (r: RecordedRequest | undefined) => (r?.body ?? {}) as Record<string, unknown>;
  const never = () => new AbortController().signal;

  beforeAll(async () => {
    fake = await harness.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('streams deltas that assemble to the reply, sending the system prompt and the turns', async () => {
    fake.enqueue({ reply: REPLY });

    const { deltas, error } = await consume(
      harness.chatModel(fake).stream(request(harness.model), never()),
    );

    expect(error).toBeNull();
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(REPLY);
    const body = bodyOf(fake.requests[0]);
    expect(body).toMatchObject({ model: harness.model, stream: true });
    const system = harness.systemOnWire(body);
    expect(JSON.stringify(system)).toContain('You are the support assistant of Acme.');
    expect(harness.turnsOnWire(body)).toEqual(request(harness.model).messages);
  });

  it('retries a 429 before the first token, after the wait retry-after asks for', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { reply: REPLY });

    const { deltas, error } = await consume(
      harness
        .chatModel(fake, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } })
        .stream(request(harness.model), never()),
    );

    expect(error).toBeNull();
    expect(deltas.join('')).toBe(REPLY);
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a 500, and a connection dropped before the first token', async () => {
    fake.enqueue({ status: 500 }, { dropAfterDeltas: 0 }, { reply: REPLY });

    const { deltas, error } = await consume(
      harness.chatModel(fake).stream(request(harness.model), never()),
    );

    expect(error).toBeNull();
    expect(deltas.join('')).toBe(REPLY);
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up after its retries with the provider status, not mid-stream', async () => {
    fake.enqueue({ status: 503 }, { status: 503 }, { status: 503 });

    const { deltas, error } = await consume(
      harness
        .chatModel(fake, { retry: { maxRetries: 2, baseDelayMs: 1 } })
        .stream(request(harness.model), never()),
    );

    expect(deltas).toEqual([]);
    expect(error).toBeInstanceOf(ChatModelError);
    expect(error).toMatchObject({ provider: harness.provider, status: 503, midStream: false });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a refused key', async () => {
    const { error } = await consume(
      harness.chatModel(fake, { apiKey: 'wrong-key' }).stream(request(harness.model), never()),
    );

    expect(error).toMatchObject({
      status: 401,
      midStream: false,
      message: expect.stringMatching(/\(request req_[0-9a-f]+\)/),
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('fails mid-stream, without retrying, when the connection drops after some deltas', async () => {
    fake.enqueue({ reply: REPLY, dropAfterDeltas: 3 }, { reply: REPLY });

    const { deltas, error } = await consume(
      harness.chatModel(fake).stream(request(harness.model), never()),
    );

    expect(deltas).toHaveLength(3);
    expect(REPLY.startsWith(deltas.join(''))).toBe(true);
    expect(error).toBeInstanceOf(ChatModelError);
    expect(error).toMatchObject({ midStream: true, status: null });
    expect(fake.requests).toHaveLength(1);
  });

  it('fails mid-stream when the stream ends cleanly but without the closing events', async () => {
    fake.enqueue({ reply: REPLY, endAfterDeltas: 4 });

    const { deltas, error } = await consume(
      harness.chatModel(fake).stream(request(harness.model), never()),
    );

    expect(deltas).toHaveLength(4);
    expect(error).toMatchObject({
      midStream: true,
      message: expect.stringMatching(/ended before the answer was complete/),
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('retries an attempt that sends no first token in time', async () => {
    fake.enqueue({ stallMs: 10_000 }, { reply: REPLY });

    const { deltas, error } = await consume(
      harness.chatModel(fake, { firstTokenTimeoutMs: 200 }).stream(request(harness.model), never()),
    );

    expect(error).toBeNull();
    expect(deltas.join('')).toBe(REPLY);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]!.closedEarly).toBe(true);
  });

  it('fails mid-stream when the provider goes silent between deltas', async () => {
    fake.enqueue({ reply: REPLY, stallAfterDeltas: 2, stallMs: 10_000 });
    const startedAt = Date.now();

    const { deltas, error } = await consume(
      harness.chatModel(fake, { idleTimeoutMs: 200 }).stream(request(harness.model), never()),
    );

    expect(deltas).toHaveLength(2);
    expect(error).toMatchObject({ midStream: true, message: expect.stringMatching(/200 ms/) });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not count time the consumer spends on a delta as provider silence', async () => {
    fake.enqueue({ reply: 'one two three four five' });

    const { deltas, error } = await consume(
      harness.chatModel(fake, { idleTimeoutMs: 100 }).stream(request(harness.model), never()),
      async (received) => {
        if (received.length <= 2) await delay(300);
      },
    );

    expect(error).toBeNull();
    expect(deltas.join('')).toBe('one two three four five');
  });

  it('aborts the HTTP request when the caller aborts mid-stream', async () => {
    fake.enqueue({ reply: REPLY, deltaDelayMs: 50 });
    const controller = new AbortController();

    const { deltas, error } = await consume(
      harness.chatModel(fake).stream(request(harness.model), controller.signal),
      (received) => {
        if (received.length === 2) controller.abort();
      },
    );

    expect(deltas).toHaveLength(2);
    expect(error).toMatchObject({ name: 'AbortError' });
    await eventually(() => expect(fake.requests[0]!.closedEarly).toBe(true));
    expect(fake.requests).toHaveLength(1);
  });

  it('aborts while waiting for the first token', async () => {
    fake.enqueue({ stallMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const { error } = await consume(
      harness.chatModel(fake).stream(request(harness.model), controller.signal),
    );

    expect(error).toMatchObject({ name: 'AbortError' });
    await eventually(() => expect(fake.requests[0]!.closedEarly).toBe(true));
    expect(fake.requests).toHaveLength(1);
  });

  it('closes the HTTP request when the consumer stops reading early', async () => {
    fake.enqueue({ reply: REPLY, deltaDelayMs: 20 });

    await consume(harness.chatModel(fake).stream(request(harness.model), never()), (received) =>
      received.length === 1 ? 'stop' : undefined,
    );

    await eventually(() => expect(fake.requests[0]!.closedEarly).toBe(true));
  });
});

describe('OpenAI request shape', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await FakeOpenAi.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const bodyOf = () => fake.requests[0]?.body as Record<string, unknown>;
  const run = (options: Partial<OpenAiChatModelOptions>, chat: Partial<ChatRequest>) =>
    consume(
      new OpenAiChatModel({
        apiKey: fake.apiKey,
        baseURL: fake.baseURL,
        ...FAST,
        ...options,
      }).stream(request('gpt-4o-mini', chat), new AbortController().signal),
    );

  it('sends the system prompt first, the temperature and max_completion_tokens', async () => {
    await run({}, { temperature: 0.7 });

    expect(bodyOf()).toMatchObject({
      temperature: 0.7,
      max_completion_tokens: 321,
      messages: [
        { role: 'system', content: request('x').system },
        { role: 'user', content: 'Where is my order?' },
        { role: 'assistant', content: 'Could you give me the order number?' },
        { role: 'user', content: 'It is #1234' },
      ],
    });
    expect(bodyOf()).not.toHaveProperty('max_tokens');
  });

  it('sends max_tokens to servers that only know it', async () => {
    await run({ maxTokensParameter: 'max_tokens' }, {});

    expect(bodyOf()).toMatchObject({ max_tokens: 321 });
    expect(bodyOf()).not.toHaveProperty('max_completion_tokens');
  });

  it('leaves the temperature out for models that reject it', async () => {
    const { deltas, error } = await run({}, { model: 'gpt-5-mini', temperature: 0.2 });

    expect(error).toBeNull();
    expect(deltas.length).toBeGreaterThan(0);
    expect(bodyOf()).not.toHaveProperty('temperature');
  });

  it('sends no system message when there is no system prompt', async () => {
    await run({}, { system: '' });

    expect((bodyOf().messages as { role: string }[])[0]).toMatchObject({ role: 'user' });
  });
});

describe('Anthropic request shape', () => {
  let fake: FakeAnthropic;
  beforeAll(async () => {
    fake = await FakeAnthropic.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('sends system as its own parameter, max_tokens, and no sampling parameters', async () => {
    const { deltas, error } = await consume(
      new AnthropicChatModel({ apiKey: fake.apiKey, baseURL: fake.baseURL, ...FAST }).stream(
        request('claude-haiku-5-5', { temperature: 0.9 }),
        new AbortController().signal,
      ),
    );

    expect(error).toBeNull();
    expect(deltas.length).toBeGreaterThan(0);
    const [sent] = fake.requests;
    expect(sent!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(sent!.headers['anthropic-version']).toBeDefined();
    expect(sent!.body).toMatchObject({ system: request('x').system, max_tokens: 321 });
    expect(sent!.body).not.toHaveProperty('temperature');
  });

  it('retries an overloaded (529) answer before the first token', async () => {
    fake.enqueue({ status: 529 }, { reply: REPLY });

    const { deltas } = await consume(
      new AnthropicChatModel({ apiKey: fake.apiKey, baseURL: fake.baseURL, ...FAST }).stream(
        request('claude-haiku-5-5'),
        new AbortController().signal,
      ),
    );

    expect(deltas.join('')).toBe(REPLY);
    expect(fake.requests).toHaveLength(2);
  });
});
