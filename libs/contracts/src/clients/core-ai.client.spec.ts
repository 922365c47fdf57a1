import type { AnswerStreamEvent } from '../conversation-pipeline';
import {
  type CoreAiGet,
  type CoreAiPost,
  CoreAiHttpClient,
  parseNdjson,
  parseNdjsonBatches,
} from './core-ai.client';

const bytes = (...parts: string[]): AsyncIterable<Uint8Array> => ({
  async *[Symbol.asyncIterator]() {
    for (const part of parts) yield new TextEncoder().encode(part);
  },
});

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
};

describe('parseNdjsonBatches', () => {
  it('yields the complete lines of each read together', async () => {
    const batches = await collect(parseNdjsonBatches(bytes('{"n":1}\n{"n":2}\n{"n":', '3}\n')));
    expect(batches).toEqual([[{ n: 1 }, { n: 2 }], [{ n: 3 }]]);
  });

  it('keeps a line split across reads, and a multi-byte character split across them', async () => {
    const encoded = new TextEncoder().encode('{"text":"héllo"}\n');
    const cut = encoded.indexOf(0xc3) + 1; // inside "é"
    const body: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        yield encoded.slice(0, cut);
        yield encoded.slice(cut);
      },
    };
    expect(await collect(parseNdjsonBatches(body))).toEqual([[{ text: 'héllo' }]]);
  });

  it('parses a last line without its newline, and skips blank lines', async () => {
    expect(await collect(parseNdjsonBatches(bytes('\n{"a":1}\n\n', '{"b":2}')))).toEqual([
      [{ a: 1 }],
      [{ b: 2 }],
    ]);
  });

  it('yields a read of one line as one value, and nothing for a read of a blank line', async () => {
    const batches = await collect(parseNdjsonBatches(bytes('{"n":1}\n', '\n', '{"n":', '2}\n')));
    expect(batches).toEqual([[{ n: 1 }], [{ n: 2 }]]);
  });

  it('fails on a line that is not JSON', async () => {
    await expect(collect(parseNdjsonBatches(bytes('{"a":1}\nnot json\n')))).rejects.toThrow(
      SyntaxError,
    );
  });
});

describe('parseNdjson', () => {
  it('yields the same values one at a time', async () => {
    expect(await collect(parseNdjson(bytes('{"n":1}\n{"n":2}\n', '{"n":3}\n')))).toEqual([
      { n: 1 },
      { n: 2 },
      { n: 3 },
    ]);
  });
});

describe('CoreAiHttpClient answer stream', () => {
  const events: AnswerStreamEvent[] = [
    { type: 'delta', text: 'Hello' },
    { type: 'delta', text: ' world' },
    {
      type: 'done',
      haveEnoughInformation: true,
      outcome: 'answered',
      provider: 'local',
      model: 'canned',
      promptVersion: 'v1',
      citations: [],
      attemptedAnswer: null,
    },
  ];
  const lines = events.map((event) => `${JSON.stringify(event)}\n`);
  const post: CoreAiPost = async () => ({
    status: 200,
    body: bytes(lines[0] + lines[1], lines[2]),
  });
  const client = new CoreAiHttpClient({ baseUrl: 'http://core-ai', post });
  const request = {} as Parameters<CoreAiHttpClient['streamAnswer']>[0];

  it('streamAnswerBatches groups the events as they arrived', async () => {
    expect(await collect(client.streamAnswerBatches(request))).toEqual([
      [events[0], events[1]],
      [events[2]],
    ]);
  });

  it('streamAnswer yields every event in order', async () => {
    expect(await collect(client.streamAnswer(request))).toEqual(events);
  });

  it('a non-2xx answer is an error carrying the status and body', async () => {
    const failing = new CoreAiHttpClient({
      baseUrl: 'http://core-ai',
      post: async () => ({ status: 503, body: bytes('overloaded') }),
    });
    await expect(collect(failing.streamAnswerBatches(request))).rejects.toMatchObject({
      status: 503,
      body: 'overloaded',
    });
  });
});

describe('CoreAiHttpClient knowledge index status', () => {
  const bot = { workspaceId: 'w 1', botId: 'b&2' };
  const neverPost: CoreAiPost = async () => {
    throw new Error('a status read must not POST');
  };

  it('GETs the status route with the bot in the query, under the deadline it is given', async () => {
    const calls: { url: string; timeoutMs: number }[] = [];
    const get: CoreAiGet = async (url, init) => {
      calls.push({ url, timeoutMs: init.timeoutMs });
      return { status: 200, body: bytes('{"state":"incomplete",', '"missing":3}') };
    };
    const client = new CoreAiHttpClient({ baseUrl: 'http://core-ai', post: neverPost, get });
    expect(await client.knowledgeIndexStatus(bot, 750)).toEqual({
      state: 'incomplete',
      missing: 3,
    });
    expect(calls).toEqual([
      {
        url: 'http://core-ai/v1/knowledge-index/status?workspaceId=w+1&botId=b%262',
        timeoutMs: 750,
      },
    ]);
  });

  it('a non-2xx answer is an error carrying the status and body', async () => {
    const client = new CoreAiHttpClient({
      baseUrl: 'http://core-ai',
      post: neverPost,
      get: async () => ({ status: 401, body: bytes('no token') }),
    });
    await expect(client.knowledgeIndexStatus(bot)).rejects.toMatchObject({
      status: 401,
      body: 'no token',
    });
  });

  it('a client built without a GET transport refuses the read', async () => {
    const client = new CoreAiHttpClient({ baseUrl: 'http://core-ai', post: neverPost });
    await expect(client.knowledgeIndexStatus(bot)).rejects.toThrow(/GET transport/);
  });
});
