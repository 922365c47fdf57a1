import {
  type EvaluateAllFlagsResponse,
  FLAGS_EVALUATE_ALL_PATH,
  FLAGS_EVALUATE_PATH,
  FLAGS_STATUS_PATH,
  type FlagContext,
  type FlagEvaluation,
  type FlagsStatusResponse,
} from '../flags';

/** The HTTP call the client makes; services pass their tracing fetch so trace ids travel along. */
export type FlagsFetch = (
  url: string,
  init: {
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
  },
) => Promise<Response>;

export class FlagsCallError extends Error {
  constructor(
    readonly path: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'FlagsCallError';
  }
}

export interface FlagsClientOptions {
  baseUrl: string;
  fetch?: FlagsFetch;
  /** A flag read sits on hot paths (every answer): a slow flags service must not hold them up. */
  timeoutMs?: number;
}

/** Typed client of the flags service's HTTP API: one flag, every flag, the service's status. */
export class FlagsHttpClient {
  private readonly fetch: FlagsFetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: FlagsClientOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? 500;
  }

  evaluate(flagKey: string, context: FlagContext): Promise<FlagEvaluation> {
    return this.call<FlagEvaluation>('POST', FLAGS_EVALUATE_PATH, { flagKey, context });
  }

  evaluateAll(context: FlagContext): Promise<EvaluateAllFlagsResponse> {
    return this.call<EvaluateAllFlagsResponse>('POST', FLAGS_EVALUATE_ALL_PATH, { context });
  }

  status(): Promise<FlagsStatusResponse> {
    return this.call<FlagsStatusResponse>('GET', FLAGS_STATUS_PATH);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new FlagsCallError(path, null, `flags ${path} unreachable: ${reason}`);
    }
    const text = await res.text();
    if (!res.ok) {
      throw new FlagsCallError(path, res.status, `flags ${path} answered ${res.status}: ${text}`);
    }
    return JSON.parse(text) as T;
  }
}
