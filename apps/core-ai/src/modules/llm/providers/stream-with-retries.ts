import type { ProviderFailure } from '@cxgenie/embeddings';
import { Logger } from '@nestjs/common';
import {
  DEFAULT_RETRY_OPTIONS,
  type RetryOptions,
  retryDelayMs,
  sleep,
  throwIfAborted,
} from '@cxgenie/embeddings';
import { ChatModelError, type ChatUsage } from '../chat-model.port';

/** Timeouts and retries shared by the streaming chat models. */
export interface ChatStreamOptions {
  /** From sending the request to the first text delta. Default 30 s. */
  firstTokenTimeoutMs?: number;
  /** Longest silence between two text deltas. Default 30 s. */
  idleTimeoutMs?: number;
  /** Retries happen only before the first delta. Default: 2 retries, 500 ms backoff base. */
  retry?: Partial<RetryOptions>;
}

export interface ChatStreamPolicy {
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  retry: RetryOptions;
}

export const chatStreamPolicy = (options: ChatStreamOptions): ChatStreamPolicy => ({
  firstTokenTimeoutMs: options.firstTokenTimeoutMs ?? 30_000,
  idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
  retry: { ...DEFAULT_RETRY_OPTIONS, maxRetries: 2, ...options.retry },
});

/** How one provider's SDK opens a stream and what its events mean. */
export interface ProviderStream<TEvent> {
  readonly provider: 'openai' | 'anthropic';
  /** Sends the request; the SDK must abort it (and its body) when `signal` aborts. */
  open(signal: AbortSignal): Promise<AsyncIterable<TEvent>>;
  /** The answer text an event adds ('' for bookkeeping events). */
  textOf(event: TEvent): string;
  /** Whether the event marks a complete answer: a stream ending without one was cut short. */
  isFinal(event: TEvent): boolean;
  /** Token counts an event reports (later reports of a count replace earlier ones). */
  usageOf?(event: TEvent): Partial<Pick<ChatUsage, 'promptTokens' | 'completionTokens'>> | null;
  describe(error: unknown): ProviderFailure;
}

const logger = new Logger('ChatModelStream');

/**
 * Yields the text deltas of one answer. Until the first delta, connection errors, 429, 5xx and
 * silence longer than the first-token timeout are retried with backoff (honouring retry-after);
 * after it nothing is retried, since the customer may have seen the text, and a failure throws
 * `ChatModelError` with `midStream` set. Aborting `signal` aborts the HTTP request and throws the
 * signal's reason.
 */
export async function* streamWithRetries<TEvent>(
  source: ProviderStream<TEvent>,
  policy: ChatStreamPolicy,
  signal: AbortSignal,
  usage?: ChatUsage,
): AsyncGenerator<string> {
  for (let retry = 0; ; retry++) {
    throwIfAborted(signal);
    const attempt = new StreamAttempt(signal);
    let deltas = 0;
    try {
      attempt.watch(policy.firstTokenTimeoutMs, 'no first token');
      let final = false;
      for await (const event of await source.open(attempt.signal)) {
        final ||= source.isFinal(event);
        const reported = usage && source.usageOf?.(event);
        if (reported) Object.assign(usage, reported, { reported: true });
        const text = source.textOf(event);
        if (text === '') continue;
        // Time the consumer spends on a delta is not provider silence.
        attempt.unwatch();
        deltas += 1;
        yield text;
        attempt.watch(policy.idleTimeoutMs, 'no token');
      }
      // The SDKs end iteration quietly when their request is aborted: say why it ended.
      throwIfAborted(signal);
      attempt.throwIfTimedOut();
      if (!final) throw new Error('the stream ended before the answer was complete');
      return;
    } catch (error) {
      throwIfAborted(signal);
      const failure = attempt.timeoutFailure() ?? source.describe(error);
      const message = `${source.provider} stream failed: ${failure.message}`;
      if (deltas > 0) throw new ChatModelError(source.provider, message, failure.status, true);
      if (!failure.retryable || retry >= policy.retry.maxRetries) {
        throw new ChatModelError(source.provider, message, failure.status, false);
      }
      const delayMs = retryDelayMs(retry, policy.retry, failure.headers);
      logger.warn(`${message}; retry ${retry + 1}/${policy.retry.maxRetries} in ${delayMs} ms`);
      await sleep(delayMs, signal);
    } finally {
      attempt.end();
    }
  }
}

/** One HTTP attempt: its own abort controller (linked to the caller's) and a stall timer. */
class StreamAttempt {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private timedOut: string | null = null;
  private readonly forwardAbort = () => this.controller.abort(this.caller.reason);

  constructor(private readonly caller: AbortSignal) {
    caller.addEventListener('abort', this.forwardAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  watch(timeoutMs: number, what: string): void {
    this.unwatch();
    this.timer = setTimeout(() => {
      this.timedOut = `${what} within ${timeoutMs} ms`;
      this.controller.abort();
    }, timeoutMs);
  }

  unwatch(): void {
    clearTimeout(this.timer);
  }

  throwIfTimedOut(): void {
    if (this.timedOut) throw new Error(this.timedOut);
  }

  timeoutFailure(): ProviderFailure | null {
    return this.timedOut ? { status: null, retryable: true, message: this.timedOut } : null;
  }

  /** Stops the timer and aborts the request if it is still open (a consumer that stopped early). */
  end(): void {
    this.unwatch();
    this.caller.removeEventListener('abort', this.forwardAbort);
    this.controller.abort();
  }
}
