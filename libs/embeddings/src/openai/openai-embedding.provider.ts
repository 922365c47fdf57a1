import { Logger } from '@nestjs/common';
import OpenAI from 'openai';
import { countTokens, truncateToTokens } from '@cxgenie/text-processing';
import type { EmbeddingProvider, EmbeddingSpace } from '../embedding-provider';
import { forEachConcurrently, planBatches } from './embedding-batches';
import { EmbeddingRequestError } from './embedding-request.error';
import {
  type ProviderFailure,
  type SdkApiError,
  describeProviderFailure,
} from './provider-failure';
import { decodeEmbedding, normalize } from './embedding-vectors';
import {
  DEFAULT_RETRY_OPTIONS,
  type RetryOptions,
  retryDelayMs,
  sleep,
  throwIfAborted,
} from './http-retry';

export interface OpenAiEmbeddingOptions {
  apiKey: string;
  /** Any OpenAI-compatible server; defaults to `https://api.openai.com/v1`. */
  baseURL?: string;
  /** Default `text-embedding-3-large`. */
  model?: string;
  /** Sent as the API's `dimensions`; default 3072. */
  dimensions?: number;
  /** Default 100. */
  maxInputsPerRequest?: number;
  /** Sum of input tokens per request; default 300 000, OpenAI's per-request limit. */
  maxTokensPerRequest?: number;
  /** Longer inputs are truncated to this many tokens; default 8191. */
  maxTokensPerInput?: number;
  /** Requests in flight at once for one `embed` call; default 4. */
  concurrency?: number;
  /** One HTTP request, response included; default 60 s. */
  requestTimeoutMs?: number;
  retry?: Partial<RetryOptions>;
}

export const OPENAI_EMBEDDING_DEFAULTS = {
  baseURL: 'https://api.openai.com/v1',
  model: 'text-embedding-3-large',
  dimensions: 3072,
  maxInputsPerRequest: 100,
  maxTokensPerRequest: 300_000,
  maxTokensPerInput: 8191,
  concurrency: 4,
  requestTimeoutMs: 60_000,
} as const;

// Tokenising is linear in the text; no token is near this long, so a longer text cannot fit
// and is cut before tokenising a whole pasted book.
const MAX_CHARS_PER_TOKEN = 64;

interface FittedInput {
  text: string;
  tokens: number;
}

/**
 * Embeddings from OpenAI or any server speaking its API. Inputs are truncated to the model's limit,
 * packed into requests under the input and token limits, sent a few at a time, retried on 429,
 * 5xx and connection errors (honouring `retry-after`), and returned in input order at unit length.
 */
export class OpenAiEmbeddingProvider implements EmbeddingProvider {
  readonly space: EmbeddingSpace;
  private readonly logger = new Logger(OpenAiEmbeddingProvider.name);
  private readonly client: OpenAI;
  private readonly settings: Required<Omit<OpenAiEmbeddingOptions, 'apiKey' | 'retry'>>;
  private readonly retry: RetryOptions;

  constructor(options: OpenAiEmbeddingOptions) {
    this.settings = {
      baseURL: options.baseURL ?? OPENAI_EMBEDDING_DEFAULTS.baseURL,
      model: options.model ?? OPENAI_EMBEDDING_DEFAULTS.model,
      dimensions: options.dimensions ?? OPENAI_EMBEDDING_DEFAULTS.dimensions,
      maxInputsPerRequest:
        options.maxInputsPerRequest ?? OPENAI_EMBEDDING_DEFAULTS.maxInputsPerRequest,
      maxTokensPerRequest:
        options.maxTokensPerRequest ?? OPENAI_EMBEDDING_DEFAULTS.maxTokensPerRequest,
      maxTokensPerInput: options.maxTokensPerInput ?? OPENAI_EMBEDDING_DEFAULTS.maxTokensPerInput,
      concurrency: options.concurrency ?? OPENAI_EMBEDDING_DEFAULTS.concurrency,
      requestTimeoutMs: options.requestTimeoutMs ?? OPENAI_EMBEDDING_DEFAULTS.requestTimeoutMs,
    };
    this.retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.space = { model: `openai/${this.settings.model}`, dimensions: this.settings.dimensions };
    // The SDK's own retries are off: ours use full jitter and keep attempt counts predictable.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: this.settings.baseURL,
      maxRetries: 0,
      timeout: this.settings.requestTimeoutMs,
    });
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    throwIfAborted(signal);
    if (texts.length === 0) return [];
    const inputs = texts.map((text, index) => this.fitToModel(text, index));
    const batches = planBatches(
      inputs.map((input) => input.tokens),
      {
        maxInputs: this.settings.maxInputsPerRequest,
        maxTokens: this.settings.maxTokensPerRequest,
      },
    );
    const vectors = new Array<number[]>(texts.length);
    // One failed batch fails the call: the requests still in flight are cancelled with it.
    const call = new AbortController();
    const cancel = () => call.abort(signal?.reason);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      await forEachConcurrently(batches, this.settings.concurrency, async (batch) => {
        const batchVectors = await this.embedBatch(
          batch.map((i) => (inputs[i] as FittedInput).text),
          call.signal,
        );
        batch.forEach((inputIndex, j) => (vectors[inputIndex] = batchVectors[j] as number[]));
      });
    } catch (error) {
      call.abort();
      throwIfAborted(signal);
      throw error;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    return vectors;
  }

  private fitToModel(text: string, index: number): FittedInput {
    if (text.trim() === '') {
      throw new EmbeddingRequestError(`input ${index} is empty: there is nothing to embed`, null);
    }
    const limit = this.settings.maxTokensPerInput;
    let fitted = text.length > limit * MAX_CHARS_PER_TOKEN ? cutChars(text, limit) : text;
    let tokens = countTokens(fitted);
    if (tokens > limit) {
      fitted = truncateToTokens(fitted, limit);
      tokens = countTokens(fitted);
    }
    return { text: fitted, tokens };
  }

  private async embedBatch(inputs: string[], signal: AbortSignal): Promise<number[][]> {
    for (let retry = 0; ; retry++) {
      let response: OpenAI.CreateEmbeddingResponse;
      try {
        response = await this.client.embeddings.create(
          {
            model: this.settings.model,
            input: inputs,
            dimensions: this.settings.dimensions,
            encoding_format: 'base64',
          },
          { signal },
        );
      } catch (error) {
        throwIfAborted(signal);
        const failure = describeFailure(error);
        if (!failure.retryable || retry >= this.retry.maxRetries) {
          throw new EmbeddingRequestError(this.failureMessage(failure, retry + 1), failure.status);
        }
        const delayMs = retryDelayMs(retry, this.retry, failure.headers);
        this.logger.warn(
          `embeddings request of ${inputs.length} inputs failed (${failure.message}); ` +
            `retry ${retry + 1}/${this.retry.maxRetries} in ${delayMs} ms`,
        );
        await sleep(delayMs, signal);
        continue;
      }
      return this.vectorsOf(response, inputs.length);
    }
  }

  private vectorsOf(response: OpenAI.CreateEmbeddingResponse, expected: number): number[][] {
    const data = [...response.data].sort((a, b) => a.index - b.index);
    if (data.length !== expected || data.some((item, i) => item.index !== i)) {
      throw new EmbeddingRequestError(
        `${this.settings.baseURL} returned ${data.length} embeddings for ${expected} inputs`,
        null,
      );
    }
    return data.map((item) => {
      // The SDK types the field as number[]; with base64 requested it is a string on the wire.
      const vector = decodeEmbedding(item.embedding as unknown);
      if (!vector || vector.length !== this.settings.dimensions) {
        throw new EmbeddingRequestError(
          `${this.settings.model} returned a vector of ${vector?.length ?? 'unknown'} dimensions, ` +
            `expected ${this.settings.dimensions} (does the server honour 'dimensions'?)`,
          null,
        );
      }
      return normalize(vector);
    });
  }

  private failureMessage(failure: ProviderFailure, attempts: number): string {
    const where = `embeddings request to ${this.settings.baseURL}`;
    if (failure.status === 401 || failure.status === 403) {
      return `${where} was refused (${failure.message}): check the OpenAI API key`;
    }
    return `${where} failed after ${attempts} attempt(s): ${failure.message}`;
  }
}

const describeFailure = (error: unknown): ProviderFailure =>
  describeProviderFailure(error, {
    isApiError: (e): e is SdkApiError => e instanceof OpenAI.APIError,
    // Anything else came from our own handling of a response: another attempt repeats it.
    otherErrorsRetryable: false,
  });

function cutChars(text: string, maxTokens: number): string {
  const cut = text.slice(0, maxTokens * MAX_CHARS_PER_TOKEN);
  // Never leave half of a surrogate pair at the end: it is not valid Unicode to send.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
