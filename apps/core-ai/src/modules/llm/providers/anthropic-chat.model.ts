import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
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

export interface AnthropicChatModelOptions extends ChatStreamOptions {
  apiKey: string;
  /** Defaults to `https://api.anthropic.com`. */
  baseURL?: string;
}

// Errors sent as SSE `error` events carry a type but no HTTP status.
const STATUS_OF_ERROR_TYPE: Record<string, number> = {
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/**
 * The Anthropic Messages API, streamed. The bot's temperature is not sent: the API version this
 * SDK speaks (anthropic-version 2026-10-21) rejects temperature, top_p and top_k on every model.
 */
export class AnthropicChatModel implements ChatModel {
  readonly provider = 'anthropic' as const;
  private readonly client: Anthropic;
  private readonly policy: ChatStreamPolicy;

  constructor(options: AnthropicChatModelOptions) {
    this.policy = chatStreamPolicy(options);
    // Retries are ours (only before the first token); the SDK's would hide attempts and timing.
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? 'https://api.anthropic.com',
      maxRetries: 0,
      // Our first-token watchdog fires first; this only bounds the SDK's wait for headers.
      timeout: this.policy.firstTokenTimeoutMs + 1_000,
    });
  }

  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<string> {
    return streamWithRetries<RawMessageStreamEvent>(
      {
        provider: this.provider,
        open: (attemptSignal) =>
          this.client.messages.create(
            {
              model: request.model,
              ...(request.system ? { system: request.system } : {}),
              messages: request.messages.map((turn) => ({
                role: turn.role,
                content: turn.content,
              })),
              max_tokens: request.maxOutputTokens,
              stream: true,
            },
            { signal: attemptSignal },
          ),
        textOf: (event) =>
          event.type === 'content_block_delta' && event.delta.type === 'text_delta'
            ? event.delta.text
            : '',
        isFinal: (event) => event.type === 'message_stop',
        // Input tokens come with the message's start; output tokens (a running total) with its deltas.
        usageOf: (event) =>
          event.type === 'message_start'
            ? {
                promptTokens: event.message.usage.input_tokens,
                completionTokens: event.message.usage.output_tokens,
              }
            : event.type === 'message_delta'
              ? { completionTokens: event.usage.output_tokens }
              : null,
        describe: describeAnthropicFailure,
      },
      this.policy,
      signal,
      request.usage,
    );
  }
}

const describeAnthropicFailure = (error: unknown): ProviderFailure =>
  describeProviderFailure(error, {
    isApiError: (e): e is SdkApiError => e instanceof Anthropic.APIError,
    statusOf: (e) => STATUS_OF_ERROR_TYPE[String((e as { type?: unknown }).type)] ?? null,
    // A connection cut while reading the body surfaces from fetch as a plain TypeError.
    otherErrorsRetryable: true,
  });
