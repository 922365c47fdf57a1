import {
  type AnswerRequest,
  type AnswerStreamEvent,
  CORE_AI_ANSWER_PATH,
} from '../conversation-pipeline';
import {
  CORE_AI_EMBED_PATH,
  CORE_AI_KNOWLEDGE_INDEX_PATH,
  CORE_AI_SEARCH_PATH,
  type EmbedRequest,
  type EmbedResponse,
  type KnowledgeIndexReport,
  type SearchRequest,
  type SearchResponse,
} from '../knowledge';
import {
  CORE_AI_SENTIMENT_PATH,
  type SentimentRequest,
  type SentimentResponse,
} from '../sentiment';

/** A POST's answer: the status and the body as it arrives. */
export interface CoreAiResponse {
  status: number;
  body: AsyncIterable<Uint8Array>;
}

/**
 * The HTTP call a client makes. Services pass their tracing transport so trace ids travel along;
 * `postViaFetch` adapts any `fetch`.
 */
export type CoreAiPost = (
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<CoreAiResponse>;

/** A GET, for the reads of core-ai's internal routes. */
export type CoreAiGet = (
  url: string,
  init: { headers: Record<string, string>; timeoutMs: number },
) => Promise<CoreAiResponse>;

export type CoreAiFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<Response>;

export type CoreAiGetFetch = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; timeoutMs: number },
) => Promise<Response>;

const NO_BYTES: AsyncIterable<Uint8Array> = { async *[Symbol.asyncIterator]() {} };

export const postViaFetch =
  (fetchImpl: CoreAiFetch): CoreAiPost =>
  async (url, init) => {
    const res = await fetchImpl(url, { method: 'POST', ...init });
    return { status: res.status, body: (res.body as AsyncIterable<Uint8Array> | null) ?? NO_BYTES };
  };

export const getViaFetch =
  (fetchImpl: CoreAiGetFetch): CoreAiGet =>
  async (url, init) => {
    const res = await fetchImpl(url, { method: 'GET', ...init });
    return { status: res.status, body: (res.body as AsyncIterable<Uint8Array> | null) ?? NO_BYTES };
  };

export class CoreAiCallError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`core-ai ${path} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'CoreAiCallError';
  }
}

export interface CoreAiClientOptions {
  baseUrl: string;
  post: CoreAiPost;
  /** Needed only by the reads (a bot's index status); a client without it refuses them. */
  get?: CoreAiGet;
  /** Search and embed calls. */
  requestTimeoutMs?: number;
  /** The whole streamed answer, not each token: a model that stalls longer has failed. */
  answerTimeoutMs?: number;
}

/** Typed client of core-ai's HTTP API: search, embed, and the streamed answer. */
export class CoreAiHttpClient {
  private readonly requestTimeoutMs: number;
  private readonly answerTimeoutMs: number;

  constructor(private readonly options: CoreAiClientOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.answerTimeoutMs = options.answerTimeoutMs ?? 120_000;
  }

  search(request: SearchRequest): Promise<SearchResponse> {
    return this.postJson<SearchResponse>(CORE_AI_SEARCH_PATH, request);
  }

  embed(request: EmbedRequest): Promise<EmbedResponse> {
    return this.postJson<EmbedResponse>(CORE_AI_EMBED_PATH, request);
  }

  /** Sentiment of customer messages by the bot's model (or the lexicon where it has no key). */
  sentiment(request: SentimentRequest): Promise<SentimentResponse> {
    return this.postJson<SentimentResponse>(CORE_AI_SENTIMENT_PATH, request);
  }

  /**
   * The last reconciliation report of a bot's vector index (`unknown` if never checked). A status
   * read that waits on a slow core-ai is worse than no status: give it a short deadline.
   */
  async knowledgeIndexStatus(
    bot: { workspaceId: string; botId: string },
    timeoutMs = 2_000,
  ): Promise<KnowledgeIndexReport> {
    const path = `${CORE_AI_KNOWLEDGE_INDEX_PATH}/status`;
    if (!this.options.get) throw new Error('this core-ai client was built without a GET transport');
    const query = new URLSearchParams({ workspaceId: bot.workspaceId, botId: bot.botId });
    const res = await this.options.get(`${this.options.baseUrl}${path}?${query}`, {
      headers: { accept: 'application/json' },
      timeoutMs,
    });
    const text = await readText(res.body);
    if (res.status < 200 || res.status >= 300) throw new CoreAiCallError(path, res.status, text);
    return JSON.parse(text) as KnowledgeIndexReport;
  }

  async *streamAnswer(request: AnswerRequest): AsyncGenerator<AnswerStreamEvent> {
    for await (const events of this.streamAnswerBatches(request)) yield* events;
  }

  /**
   * The same events, grouped as they arrived: everything one network read carried comes at once,
   * so a consumer pays one asynchronous step per read instead of one per token.
   */
  async *streamAnswerBatches(request: AnswerRequest): AsyncGenerator<AnswerStreamEvent[]> {
    const res = await this.post(CORE_AI_ANSWER_PATH, request, this.answerTimeoutMs);
    // Parsed here rather than through parseNdjsonBatches: a delegated generator costs another
    // round of promises per read, and a streamed answer is a read per token.
    const lines = new NdjsonLines<AnswerStreamEvent>();
    for await (const bytes of res.body) {
      const events = lines.push(bytes);
      if (events) yield events;
    }
    const last = lines.end();
    if (last) yield last;
  }

  private async postJson<T>(path: string, body: unknown): Promise<T> {
    const res = await this.post(path, body, this.requestTimeoutMs);
    return JSON.parse(await readText(res.body)) as T;
  }

  private async post(path: string, body: unknown, timeoutMs: number): Promise<CoreAiResponse> {
    const res = await this.options.post(`${this.options.baseUrl}${path}`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs,
    });
    if (res.status < 200 || res.status >= 300) {
      throw new CoreAiCallError(path, res.status, await readText(res.body).catch(() => ''));
    }
    return res;
  }
}

async function readText(body: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const bytes of body) text += decoder.decode(bytes, { stream: true });
  return text + decoder.decode();
}

/** Newline-delimited JSON, one value per line, parsed as the bytes arrive. */
export async function* parseNdjson<T>(body: AsyncIterable<Uint8Array>): AsyncGenerator<T> {
  for await (const values of parseNdjsonBatches<T>(body)) yield* values;
}

/** Newline-delimited JSON: the complete lines of each read, parsed together. */
export async function* parseNdjsonBatches<T>(body: AsyncIterable<Uint8Array>): AsyncGenerator<T[]> {
  const lines = new NdjsonLines<T>();
  for await (const bytes of body) {
    const values = lines.push(bytes);
    if (values) yield values;
  }
  const last = lines.end();
  if (last) yield last;
}

/** Newline-delimited JSON fed read by read: each read's complete lines, parsed together. */
class NdjsonLines<T> {
  private readonly decoder = new TextDecoder();
  private pending = '';

  /** The values of the lines this read completed, or null when it completed none. */
  push(bytes: Uint8Array): T[] | null {
    const text = this.pending + this.decoder.decode(bytes, { stream: true });
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.pending = text;
      return null;
    }
    this.pending = text.slice(lastNewline + 1);
    // A token-per-line stream mostly brings one line per read: parsed as it is, with no split.
    if (text.indexOf('\n') === lastNewline) {
      const line = text.slice(0, lastNewline);
      return line.trim() ? [JSON.parse(line) as T] : null;
    }
    const complete = text
      .slice(0, lastNewline)
      .split('\n')
      .filter((line) => line.trim());
    // One parse for the read: a read can bring dozens of tiny values at a time.
    return complete.length > 0 ? (JSON.parse(`[${complete.join(',')}]`) as T[]) : null;
  }

  /** The value of a last line that had no newline, if any. */
  end(): T[] | null {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    return rest.trim() ? [JSON.parse(rest) as T] : null;
  }
}
