import { PermanentDeliveryError, RetryableDeliveryError } from '@cxgenie/contracts';
import { parseRetryAfter } from '../shared/retry-after';
import { parseJsonBody } from '../shared/webhook-payload';

export const VIBER_AUTH_HEADER = 'X-Viber-Auth-Token';

/** Viber answers HTTP 200 with a `status` in the body; these codes will not change on a retry. */
const PERMANENT_STATUSES = new Set([
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
]);
const TOO_MANY_REQUESTS = 12;

interface ViberReply {
  status: number;
  status_message?: string;
  message_token?: string;
}

export interface ViberApiClientOptions {
  /** https://chatapi.viber.com/pa, or a local server speaking the same API. */
  apiRoot: string;
  timeoutMs?: number;
}

/** The few REST calls a bot makes, with Viber's status codes turned into delivery errors. */
export class ViberApiClient {
  constructor(private readonly options: ViberApiClientOptions) {}

  /** Returns the reply of a call Viber accepted (status 0). */
  async call(authToken: string, method: string, body: object): Promise<ViberReply> {
    let response: Response;
    try {
      response = await fetch(`${this.options.apiRoot}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [VIBER_AUTH_HEADER]: authToken },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new RetryableDeliveryError(`Viber unreachable: ${(error as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    if (response.status === 429 || response.status >= 500) {
      throw new RetryableDeliveryError(
        `Viber answered HTTP ${response.status}`,
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }
    const reply = readReply(text);
    if (!reply) {
      throw new PermanentDeliveryError(
        `Viber answered HTTP ${response.status} without a status`,
        String(response.status),
      );
    }
    if (reply.status === 0) return reply;
    const reason = reply.status_message || `Viber status ${reply.status}`;
    if (reply.status === TOO_MANY_REQUESTS) throw new RetryableDeliveryError(reason);
    // Anything else is Viber's "general error": possibly transient, so it gets the retries.
    if (!PERMANENT_STATUSES.has(reply.status)) throw new RetryableDeliveryError(reason);
    throw new PermanentDeliveryError(reason, String(reply.status));
  }
}

function readReply(text: string): ViberReply | null {
  try {
    const parsed = parseJsonBody(Buffer.from(text), { bigIntegerFields: ['message_token'] });
    if (typeof parsed !== 'object' || parsed === null) return null;
    const reply = parsed as Record<string, unknown>;
    if (typeof reply['status'] !== 'number') return null;
    return {
      status: reply['status'],
      status_message: typeof reply['status_message'] === 'string' ? reply['status_message'] : '',
      message_token:
        typeof reply['message_token'] === 'string' ? reply['message_token'] : undefined,
    };
  } catch {
    return null;
  }
}
