import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  type Exchange,
  type RecordedRequest,
  type ScriptedBehaviour,
  ScriptedHttpFake,
  type SseFrame,
  splitIntoDeltas,
} from '../openai/scripted-http-fake';

export interface FakeAnthropicOptions {
  apiKey?: string;
}

export const FAKE_ANTHROPIC_API_KEY = 'sk-ant-fake-test-key';
export const FAKE_ANTHROPIC_DEFAULT_REPLY = 'Hello from the fake Anthropic model.';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

const anthropicError = (status: number, message: string) => ({
  type: 'error',
  error: { type: ERROR_TYPES[status] ?? 'api_error', message },
});

/**
 * The Anthropic Messages API at the wire, for the real `@anthropic-ai/sdk` pointed at `baseURL`:
 * `POST /v1/messages`, streamed as the documented SSE events (message_start, content_block_start,
 * ping, content_block_delta with text_delta, content_block_stop, message_delta, message_stop) or
 * answered as one JSON message. Checks the key and `anthropic-version` like the real API, and
 * like version 2026-10-21 rejects the removed sampling parameters (temperature, top_p, top_k).
 */
export class FakeAnthropic {
  private constructor(
    private readonly http: ScriptedHttpFake,
    readonly apiKey: string,
  ) {}

  static async start(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
    const apiKey = options.apiKey ?? FAKE_ANTHROPIC_API_KEY;
    const http = await ScriptedHttpFake.start({
      authorized: (headers: IncomingHttpHeaders) => presentedKey(headers) === apiKey,
      preflight: (headers) =>
        headers['anthropic-version']
          ? null
          : { status: 400, message: 'anthropic-version: header is required' },
      errorBody: anthropicError,
      requestIdHeader: 'request-id',
      routes: { 'POST /v1/messages': answerMessages },
    });
    return new FakeAnthropic(http, apiKey);
  }

  /** What the SDK's `baseURL` option takes (the SDK adds `/v1/messages`). */
  get baseURL(): string {
    return this.http.origin;
  }

  get requests(): RecordedRequest[] {
    return this.http.requests;
  }

  enqueue(...behaviours: ScriptedBehaviour[]): void {
    this.http.enqueue(...behaviours);
  }

  reset(): void {
    this.http.reset();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/**
 * The key a request presents. SDK 1.x sends `Authorization: Bearer`; older clients `x-api-key`,
 * which the API prefers when both are present.
 */
function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string') return apiKey;
  return /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
}

function invalidRequest(body: Record<string, unknown>): string | null {
  if (typeof body.model !== 'string' || body.model === '') return 'model: Field required';
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) {
    return 'max_tokens: Field required';
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return 'messages: at least one message is required';
  }
  return null;
}

// API version 2026-10-21 (what @anthropic-ai/sdk 1.x sends) dropped the sampling parameters.
const SAMPLING_REMOVED_IN = '2026-10-21';
const SAMPLING_PARAMETERS = ['temperature', 'top_p', 'top_k'];

function removedParameter(body: Record<string, unknown>, version: string): string | null {
  if (version < SAMPLING_REMOVED_IN) return null;
  const sent = SAMPLING_PARAMETERS.find((name) => name in body);
  return sent ? `${sent}: Extra inputs are not permitted` : null;
}

async function answerMessages(exchange: Exchange): Promise<void> {
  const body = exchange.body;
  const version = String(exchange.req.headers['anthropic-version']);
  const invalid = invalidRequest(body) ?? removedParameter(body, version);
  if (invalid) return exchange.json(400, anthropicError(400, invalid));

  const reply = exchange.behaviour.reply ?? FAKE_ANTHROPIC_DEFAULT_REPLY;
  const deltas = splitIntoDeltas(reply);
  const message = {
    id: `msg_${randomBytes(12).toString('hex')}`,
    type: 'message',
    role: 'assistant',
    model: String(body.model),
    stop_sequence: null,
  };
  const inputTokens = 25;
  if (body.stream !== true) {
    return exchange.json(200, {
      ...message,
      content: [{ type: 'text', text: reply }],
      stop_reason: 'end_turn',
      usage: { input_tokens: inputTokens, output_tokens: deltas.length },
    });
  }
  const frame = (event: string, data: object, isDelta = false): SseFrame => ({
    event,
    data: { type: event, ...data },
    isDelta,
  });
  await exchange.sse([
    frame('message_start', {
      message: {
        ...message,
        content: [],
        stop_reason: null,
        usage: { input_tokens: inputTokens, output_tokens: 1 },
      },
    }),
    frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    frame('ping', {}),
    ...deltas.map((text) =>
      frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }, true),
    ),
    frame('content_block_stop', { index: 0 }),
    frame('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: deltas.length },
    }),
    frame('message_stop', {}),
  ]);
}
