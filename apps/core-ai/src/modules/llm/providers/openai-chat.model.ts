import OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import {
  type ProviderFailure,
  type SdkApiError,
  describeProviderFailure,
} from '@cxgenie/embeddings';
import type { ChatModel, ChatRequest } from '../chat-model.port';
import {
  type ChatStreamOptions,
  type ChatStreamPolicy,
  chatStreamPolicy,
  streamWithRetries,
} from './stream-with-retries';

export interface OpenAiChatModelOptions extends ChatStreamOptions {
  apiKey: string;
  /** Any OpenAI-compatible server; defaults to `https://api.openai.com/v1`. */
  baseURL?: string;
  /**
   * How the output limit is sent. OpenAI's current models want `max_completion_tokens` (reasoning
   * models reject `max_tokens`); some OpenAI-compatible servers only know `max_tokens`.
   */
  maxTokensParameter?: 'max_completion_tokens' | 'max_tokens';
  /**
   * Whether a model accepts a temperature. OpenAI's reasoning (o1, o3…) and GPT-5+ models answer
   * 400 to any value but the default, so by default it is left out for them.
   */
  acceptsTemperature?: (model: string) => boolean;
}

const FIXED_TEMPERATURE_MODEL = /^(o\d|gpt-([5-9]|\d\d))/i;
export const acceptsTemperatureByDefault = (model: string): boolean =>
  !FIXED_TEMPERATURE_MODEL.test(model);

/** Chat Completions, streamed, from OpenAI or any server speaking its API. */
export class OpenAiChatModel implements ChatModel {
  readonly provider = 'openai' as const;
  private readonly client: OpenAI;
  private readonly policy: ChatStreamPolicy;
  private readonly maxTokensParameter: 'max_completion_tokens' | 'max_tokens';
  private readonly acceptsTemperature: (model: string) => boolean;

  constructor(options: OpenAiChatModelOptions) {
    this.policy = chatStreamPolicy(options);
    this.maxTokensParameter = options.maxTokensParameter ?? 'max_completion_tokens';
    this.acceptsTemperature = options.acceptsTemperature ?? acceptsTemperatureByDefault;
    // Retries are ours (only before the first token); the SDK's would hide attempts and timing.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? 'https://api.openai.com/v1',
      maxRetries: 0,
      // Our first-token watchdog fires first; this only bounds the SDK's wait for headers.
      timeout: this.policy.firstTokenTimeoutMs + 1_000,
    });
  }

  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<string> {
    const messages: ChatCompletionMessageParam[] = [
      ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
      ...request.messages.map((turn) => ({ role: turn.role, content: turn.content })),
    ];
    const temperature = this.acceptsTemperature(request.model)
      ? { temperature: request.temperature }
      : {};
    return streamWithRetries<ChatCompletionChunk>(
      {
        provider: this.provider,
        open: (attemptSignal) =>
          this.client.chat.completions.create(
            {
              model: request.model,
              messages,
              ...temperature,
              [this.maxTokensParameter]: request.maxOutputTokens,
              stream: true,
              // The last chunk then carries the call's token counts (for usage facts).
              stream_options: { include_usage: true },
            },
            { signal: attemptSignal },
          ),
        textOf: (chunk) => chunk.choices[0]?.delta?.content ?? '',
        isFinal: (chunk) => chunk.choices.some((choice) => Boolean(choice.finish_reason)),
        usageOf: (chunk) =>
          chunk.usage
            ? {
                promptTokens: chunk.usage.prompt_tokens,
                completionTokens: chunk.usage.completion_tokens,
              }
            : null,
        describe: describeOpenAiFailure,
      },
      this.policy,
      signal,
      request.usage,
    );
  }
}

const describeOpenAiFailure = (error: unknown): ProviderFailure =>
  describeProviderFailure(error, {
    isApiError: (e): e is SdkApiError => e instanceof OpenAI.APIError,
    // A connection cut while reading the body surfaces from fetch as a plain TypeError.
    otherErrorsRetryable: true,
  });
