import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { countTokens } from '@cxgenie/text-processing';
import { fakeEmbedding, toBase64Float32 } from './fake-embedding';
import {
  type Exchange,
  type RecordedRequest,
  type ScriptedBehaviour,
  ScriptedHttpFake,
  type SseFrame,
  splitIntoDeltas,
} from './scripted-http-fake';

export interface FakeOpenAiOptions {
  apiKey?: string;
  /** Per-input context length of the embedding models (8192 for text-embedding-3-*). */
  maxInputTokens?: number;
  /** Sum of input tokens one embeddings request may carry. */
  maxRequestTokens?: number;
}

export const FAKE_OPENAI_API_KEY = 'sk-fake-openai-test-key';
export const FAKE_OPENAI_DEFAULT_REPLY = 'Hello from the fake OpenAI model.';

const MAX_EMBEDDING_INPUTS = 2048;
// Reasoning and GPT-5+ models accept only the default temperature.
const FIXED_TEMPERATURE_MODEL = /^(o\d|gpt-([5-9]|\d\d))/i;
const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  404: { type: 'invalid_request_error', code: 'unknown_url' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
};

class RejectedRequest extends Error {}

/**
 * The OpenAI HTTP API at the wire, for the real `openai` SDK pointed at `baseURL`:
 * `POST /v1/embeddings` (float and base64 encodings, `dimensions`, the real per-input and
 * per-request token limits) and `POST /v1/chat/completions` (SSE stream or one JSON reply).
 */
export class FakeOpenAi {
  private constructor(
    private readonly http: ScriptedHttpFake,
    readonly apiKey: string,
  ) {}

  static async start(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
    const apiKey = options.apiKey ?? FAKE_OPENAI_API_KEY;
    const limits = {
      maxInputTokens: options.maxInputTokens ?? 8192,
      maxRequestTokens: options.maxRequestTokens ?? 300_000,
    };
    const http = await ScriptedHttpFake.start({
      authorized: (headers: IncomingHttpHeaders) => headers.authorization === `Bearer ${apiKey}`,
      errorBody: openAiError,
      requestIdHeader: 'x-request-id',
      routes: {
        'POST /v1/embeddings': (exchange) => answerEmbeddings(exchange, limits),
        'POST /v1/chat/completions': answerChat,
      },
    });
    return new FakeOpenAi(http, apiKey);
  }

  /** What the SDK's `baseURL` option takes. */
  get baseURL(): string {
    return `${this.http.origin}/v1`;
  }

  get requests(): RecordedRequest[] {
    return this.http.requests;
  }

  requestsTo(path: '/v1/embeddings' | '/v1/chat/completions'): RecordedRequest[] {
    return this.http.requestsTo(path);
  }

  enqueue(...behaviours: ScriptedBehaviour[]): void {
    this.http.enqueue(...behaviours);
  }

  /** What every request gets once the queue is empty (until reset). */
  setDefault(behaviour: ScriptedBehaviour): void {
    this.http.setDefault(behaviour);
  }

  reset(): void {
    this.http.reset();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

async function answerChat(exchange: Exchange): Promise<void> {
  const body = exchange.body;
  if (!Array.isArray(body.messages) || body.messages.length === 0 || !body.model) {
    return exchange.json(400, openAiError(400, "'messages' and 'model' are required"));
  }
  if (
    FIXED_TEMPERATURE_MODEL.test(String(body.model)) &&
    ![undefined, 1].includes(body.temperature as number)
  ) {
    return exchange.json(
      400,
      openAiError(
        400,
        `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
      ),
    );
  }
  const reply =
    exchange.behaviour.replyTo?.(body) ?? exchange.behaviour.reply ?? FAKE_OPENAI_DEFAULT_REPLY;
  const id = `chatcmpl-${randomBytes(6).toString('hex')}`;
  const created = Math.floor(Date.now() / 1000);
  const model = String(body.model);
  const usage = { prompt_tokens: 10, completion_tokens: splitIntoDeltas(reply).length };
  const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  if (body.stream !== true) {
    return exchange.json(200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: reply, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: fullUsage,
    });
  }
  const chunk = (choices: unknown[], extra: object = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_fake',
    choices,
    ...extra,
  });
  const choice = (delta: object, finishReason: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });
  const frames: SseFrame[] = [
    { data: chunk([choice({ role: 'assistant', content: '', refusal: null })]) },
    ...splitIntoDeltas(reply).map((text) => ({
      data: chunk([choice({ content: text })]),
      isDelta: true,
    })),
    { data: chunk([choice({}, 'stop')]) },
  ];
  const options = body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage) frames.push({ data: chunk([], { usage: fullUsage }) });
  frames.push({ data: '[DONE]' });
  await exchange.sse(frames, (data) => (data === '[DONE]' ? data : JSON.stringify(data)));
}

function answerEmbeddings(
  exchange: Exchange,
  limits: { maxInputTokens: number; maxRequestTokens: number },
): void {
  const body = exchange.body;
  try {
    const inputs = embeddingInputs(body.input);
    const tokens = inputs.map(countTokens);
    tokens.forEach((count) => {
      if (count > limits.maxInputTokens) {
        throw new RejectedRequest(
          `This model's maximum context length is ${limits.maxInputTokens} tokens, however you requested ${count} tokens (${count} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`,
        );
      }
    });
    const total = tokens.reduce((sum, n) => sum + n, 0);
    if (total > limits.maxRequestTokens) {
      throw new RejectedRequest(
        `Requested ${total} tokens, max ${limits.maxRequestTokens} tokens per request`,
      );
    }
    const model = String(body.model ?? '');
    const dimensions = embeddingDimensions(model, body.dimensions);
    const base64 = body.encoding_format === 'base64';
    exchange.json(200, {
      object: 'list',
      data: inputs.map((text, index) => {
        const vector = fakeEmbedding(text, dimensions);
        return { object: 'embedding', index, embedding: base64 ? toBase64Float32(vector) : vector };
      }),
      model,
      usage: { prompt_tokens: total, total_tokens: total },
    });
  } catch (error) {
    if (!(error instanceof RejectedRequest)) throw error;
    exchange.json(400, openAiError(400, error.message));
  }
}

function embeddingInputs(input: unknown): string[] {
  const inputs = typeof input === 'string' ? [input] : input;
  if (
    !Array.isArray(inputs) ||
    inputs.length === 0 ||
    inputs.length > MAX_EMBEDDING_INPUTS ||
    !inputs.every((text): text is string => typeof text === 'string' && text !== '')
  ) {
    // The fake speaks text only; token-array inputs are valid upstream but unused here.
    throw new RejectedRequest("'$.input' is invalid. Please check the API reference.");
  }
  return inputs;
}

function embeddingDimensions(model: string, requested: unknown): number {
  const native = model.includes('3-small') || model.includes('ada') ? 1536 : 3072;
  if (requested === undefined) return native;
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 1) {
    throw new RejectedRequest(`Invalid 'dimensions': ${String(requested)}`);
  }
  if (requested > native) {
    throw new RejectedRequest(`This model does not support specifying dimensions above ${native}.`);
  }
  return requested;
}

function openAiError(status: number, message: string) {
  const { type, code } = ERROR_TYPES[status] ?? { type: 'server_error', code: null };
  return { error: { message, type, param: null, code } };
}
