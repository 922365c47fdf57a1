import {
  type AnswerRequest,
  type AnswerStreamEvent,
  CORE_AI_ANSWER_PATH,
} from '../conversation-pipeline';
import {
  CORE_AI_EMBED_PATH,
  CORE_AI_SEARCH_PATH,
  type EmbedRequest,
  type EmbedResponse,
  type SearchRequest,
  type SearchResponse,
} from '../knowledge';

/** The HTTP call a client makes; services pass their tracing fetch so trace ids travel along. */
export type CoreAiFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<Response>;

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
  fetch: CoreAiFetch;
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

  async *streamAnswer(request: AnswerRequest): AsyncGenerator<AnswerStreamEvent> {
    const res = await this.post(CORE_AI_ANSWER_PATH, request, this.answerTimeoutMs);
    if (!res.body) throw new CoreAiCallError(CORE_AI_ANSWER_PATH, res.status, 'empty body');
    yield* parseNdjson<AnswerStreamEvent>(res.body);
  }

  private async postJson<T>(path: string, body: unknown): Promise<T> {
    return (await (await this.post(path, body, this.requestTimeoutMs)).json()) as T;
  }

  private async post(path: string, body: unknown, timeoutMs: number): Promise<Response> {
    const res = await this.options.fetch(`${this.options.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs,
    });
    if (!res.ok) {
      throw new CoreAiCallError(path, res.status, await res.text().catch(() => ''));
    }
    return res;
  }
}

/** Newline-delimited JSON, one value per line, parsed as the bytes arrive. */
export async function* parseNdjson<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(bytes, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
  }
  if (pending.trim()) yield JSON.parse(pending) as T;
}
