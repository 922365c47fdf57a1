import { RetryableDeliveryError } from '@cxgenie/contracts';
import { type GraphApiErrorBody, graphDeliveryError } from './graph-api-error';

const DEFAULT_TIMEOUT_MS = 15_000;

export interface GraphApiClientOptions {
  /** Graph API root including the version, e.g. `https://graph.facebook.com/v23.0`. */
  baseUrl: string;
  timeoutMs?: number;
}

/**
 * The few Graph API calls the Meta adapters make, over fetch. Every failure becomes a
 * `RetryableDeliveryError` or a `PermanentDeliveryError`, so callers never see raw HTTP.
 */
export class GraphApiClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: GraphApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async post(path: string, body: unknown, accessToken: string): Promise<unknown> {
    const response = await this.request(path, {
      method: 'POST',
      // A bearer header keeps the token out of URLs, and so out of access logs.
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const payload = await readJson(response);
    if (!response.ok) {
      throw graphDeliveryError(response.status, response.headers, errorOf(payload));
    }
    if (payload === undefined) {
      throw new RetryableDeliveryError(`Graph API answered ${path} with a body that is not JSON`);
    }
    return payload;
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}/${path.replace(/^\/+/, '')}`, {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new RetryableDeliveryError(`Graph API unreachable: ${reason}`);
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorOf(payload: unknown): GraphApiErrorBody | null {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return null;
  const error = (payload as { error: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as GraphApiErrorBody) : null;
}
