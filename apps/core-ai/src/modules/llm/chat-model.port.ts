import type { LlmProvider } from '@cxgenie/contracts';

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** Tokens a call used, as the provider reported them (filled in while the stream runs). */
export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  /** False until the provider said: an OpenAI-compatible server may not. */
  reported: boolean;
}

export const emptyUsage = (): ChatUsage => ({
  promptTokens: 0,
  completionTokens: 0,
  reported: false,
});

/** A provider-neutral chat completion request; prompts are built before it (see prompts module). */
export interface ChatRequest {
  model: string;
  system: string;
  messages: ChatTurn[];
  temperature: number;
  maxOutputTokens: number;
  /** Where the provider's token counts go, for usage facts. */
  usage?: ChatUsage;
}

/**
 * A streaming chat model. `stream` yields text deltas. Implementations retry connection errors,
 * 429 and 5xx before the first delta (never after: the customer may have seen text), time out a
 * stalled stream, and throw `ChatModelError` when the provider fails.
 */
export interface ChatModel {
  readonly provider: Exclude<LlmProvider, 'local'>;
  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<string>;
}

export class ChatModelError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    /** HTTP status from the provider, when there was one. */
    readonly status: number | null,
    /** True when some deltas had already been yielded before the failure. */
    readonly midStream: boolean,
  ) {
    super(message);
    this.name = 'ChatModelError';
  }
}
