import { isRetryableStatus } from './http-retry';

/** Why a request to a model provider failed, in provider-neutral terms. */
export interface ProviderFailure {
  /** HTTP status; null for a refused, reset or timed-out connection, or a broken stream. */
  status: number | null;
  retryable: boolean;
  headers?: Headers;
  message: string;
}

/** The shape the OpenAI and Anthropic SDKs give their API errors. */
export interface SdkApiError extends Error {
  status?: number | undefined;
  headers?: Headers | undefined;
  requestID?: string | null | undefined;
}

export interface ProviderErrors {
  isApiError(error: unknown): error is SdkApiError;
  /** A status for API errors that carry none (an error event inside a stream). */
  statusOf?(error: SdkApiError): number | null;
  /** Whether anything else thrown (a connection cut mid-body) is worth another attempt. */
  otherErrorsRetryable: boolean;
}

/**
 * One mapping of an SDK's failure to what the retry loops need, for every provider: the status
 * (or none), whether to try again, the headers (`retry-after`), and a message with the provider's
 * request id, which is what its support asks for.
 */
export function describeProviderFailure(error: unknown, errors: ProviderErrors): ProviderFailure {
  if (errors.isApiError(error)) {
    const status =
      typeof error.status === 'number' ? error.status : (errors.statusOf?.(error) ?? null);
    return {
      status,
      retryable: status === null || isRetryableStatus(status),
      headers: error.headers,
      message: error.requestID ? `${error.message} (request ${error.requestID})` : error.message,
    };
  }
  return { status: null, retryable: errors.otherErrorsRetryable, message: errorText(error) };
}

const errorText = (error: unknown): string =>
  error instanceof Error
    ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
    : String(error);
