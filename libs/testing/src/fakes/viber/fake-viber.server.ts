import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signViberBody, viberJson } from './viber-callbacks';

export const FAKE_VIBER_AUTH_TOKEN = '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9';

/** One REST call as the fake received it. */
export interface ViberApiCall {
  method: string;
  authToken: string | undefined;
  body: Record<string, unknown>;
  receivedAt: number;
}

/**
 * The next call (to `method`, or any) fails: a Viber `status` in a 200 body (12 tooManyRequests,
 * 6 notSubscribed, 5 receiverNotRegistered…), or a bare HTTP error.
 */
export type ViberFailure =
  | { method?: string; status: number; statusMessage?: string }
  | { method?: string; httpStatus: number; retryAfter?: string };

const STATUS_MESSAGES: Record<number, string> = {
  1: 'invalidUrl',
  2: 'invalidAuthToken',
  3: 'badData',
  4: 'missingData',
  5: 'receiverNotRegistered',
  6: 'notSubscribed',
  7: 'publicAccountBlocked',
  12: 'tooManyRequests',
};
const MAX_TEXT_LENGTH = 7000;

/**
 * Viber's REST bot API at the wire, under `/pa`: send_message (text and picture, 7000-character
 * texts), set_webhook (which, as Viber does, first calls the URL with a signed `webhook` event and
 * fails with invalidUrl unless it answers 200) and get_account_info. Errors come as `status` in a
 * 200 body; message tokens are written as 64-bit integers.
 */
export class FakeViber {
  readonly calls: ViberApiCall[] = [];
  private readonly failures: ViberFailure[] = [];
  private webhookUrl: string | null = null;
  private receiptFirst = false;
  private nextToken = 5741311803571721087n;

  private constructor(
    private readonly server: Server,
    readonly authToken: string,
  ) {}

  static async start(authToken: string = FAKE_VIBER_AUTH_TOKEN): Promise<FakeViber> {
    const server = createServer();
    const fake = new FakeViber(server, authToken);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** What VIBER_API_ROOT takes (the real one is https://chatapi.viber.com/pa). */
  get apiRoot(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/pa`;
  }

  get registeredWebhook(): string | null {
    return this.webhookUrl;
  }

  /**
   * Reports each sent message as delivered to the webhook before answering send_message, as a
   * fast phone can: the receipt arrives before the sender knows the message token.
   */
  deliverReceiptsBeforeReplying(enabled = true): void {
    this.receiptFirst = enabled;
  }

  failNext(...failures: ViberFailure[]): void {
    this.failures.push(...failures);
  }

  callsTo(method: string): ViberApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Posts a callback to the registered webhook, signed, as Viber's servers do. */
  async deliver(callback: object): Promise<{ status: number; body: string }> {
    if (!this.webhookUrl) throw new Error('no webhook set: call set_webhook first');
    return this.post(this.webhookUrl, viberJson(callback));
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async post(url: string, body: string): Promise<{ status: number; body: string }> {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-viber-content-signature': signViberBody(body, this.authToken),
      },
      body,
    });
    return { status: res.status, body: await res.text() };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = await readJson(req);
    const method = path.replace(/^\/pa\//, '');
    const authToken = req.headers['x-viber-auth-token'] as string | undefined;
    this.calls.push({ method, authToken, body, receivedAt: Date.now() });
    if (req.method !== 'POST' || !path.startsWith('/pa/')) return void res.writeHead(404).end();
    if (authToken !== this.authToken)
      return reply(res, { status: 2, status_message: 'invalidAuthToken' });

    const index = this.failures.findIndex((f) => !f.method || f.method === method);
    if (index >= 0) {
      const [failure] = this.failures.splice(index, 1);
      if ('httpStatus' in failure) {
        res.writeHead(
          failure.httpStatus,
          failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
        );
        return void res.end();
      }
      return reply(res, {
        status: failure.status,
        status_message: failure.statusMessage ?? STATUS_MESSAGES[failure.status] ?? 'generalError',
      });
    }
    switch (method) {
      case 'send_message': {
        const answer = this.sendMessage(body);
        if (this.receiptFirst && this.webhookUrl && typeof answer['message_token'] === 'string') {
          const receipt = {
            event: 'delivered',
            timestamp: Date.now(),
            chat_hostname: 'SN-callback-05_',
            message_token: answer['message_token'],
            user_id: body['receiver'],
          };
          await this.post(this.webhookUrl, viberJson(receipt));
        }
        return reply(res, answer);
      }
      case 'set_webhook':
        return reply(res, await this.setWebhook(body));
      case 'get_account_info':
        return reply(res, {
          status: 0,
          status_message: 'ok',
          id: 'pa:75346594275468546724',
          name: 'Fake account',
          webhook: this.webhookUrl ?? '',
        });
      default:
        return reply(res, { status: 3, status_message: 'badData' });
    }
  }

  private sendMessage(body: Record<string, unknown>): Record<string, unknown> {
    const sender = body['sender'] as { name?: unknown } | undefined;
    if (typeof body['receiver'] !== 'string' || !body['receiver']) return missing('receiver');
    if (!sender || typeof sender.name !== 'string' || sender.name.length > 28)
      return missing('sender.name');
    if (body['type'] === 'text') {
      const text = body['text'];
      if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT_LENGTH) {
        return { status: 3, status_message: 'badData' };
      }
    } else if (body['type'] === 'picture') {
      if (typeof body['media'] !== 'string') return missing('media');
    } else {
      return { status: 3, status_message: 'badData' };
    }
    this.nextToken += 1n;
    return {
      status: 0,
      status_message: 'ok',
      message_token: this.nextToken.toString(),
      chat_hostname: 'SN-CHAT-05_',
      billing_status: 1,
    };
  }

  private async setWebhook(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const url = body['url'];
    if (typeof url !== 'string' || !/^https?:\/\//.test(url))
      return { status: 1, status_message: 'invalidUrl' };
    const check = {
      event: 'webhook',
      timestamp: Date.now(),
      chat_hostname: 'SN-172_',
      message_token: (this.nextToken += 1n).toString(),
    };
    const answered = await this.post(url, viberJson(check)).catch(() => ({ status: 0, body: '' }));
    if (answered.status !== 200) return { status: 1, status_message: 'invalidUrl' };
    this.webhookUrl = url;
    const eventTypes = Array.isArray(body['event_types'])
      ? body['event_types']
      : ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'];
    return { status: 0, status_message: 'ok', chat_hostname: 'SN-172_', event_types: eventTypes };
  }
}

const missing = (field: string) => ({ status: 4, status_message: `missingData: ${field}` });

function reply(res: ServerResponse, body: Record<string, unknown>): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(viberJson(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
