import type { LlmProvider } from '@cxgenie/contracts';

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** A provider-neutral chat completion request; prompts are built before it (see prompts module). */
export interface ChatRequest {
  model: string;
  system: string;
  messages: ChatTurn[];
  temperature: number;
  maxOutputTokens: number;
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
