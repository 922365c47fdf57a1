import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GraphFailure, graphErrorBody } from './graph-errors';

export const FAKE_GRAPH_ACCESS_TOKEN = 'EAAfake-graph-access-token';
const MESSAGES_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/;
const WHATSAPP_TEXT_LIMIT = 4096;
const SEND_API_MESSAGING_TYPES = new Set(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']);
const WHATSAPP_MEDIA = new Set(['image', 'video', 'audio', 'document', 'sticker']);

export interface FakeGraphApiOptions {
  /** Tokens the fake accepts; any other is refused with code 190 like Graph does. */
  accessTokens?: string[];
  /** The version segment of `baseUrl` (`v23.0`). */
  version?: string;
  /**
   * How long a Send API `message.text` may be: Messenger counts 2000 characters, Instagram
   * 1000 bytes of UTF-8.
   */
  sendApiTextLimit?: { max: number; unit: 'chars' | 'utf8-bytes' };
}

/** A request as the fake received it. */
export interface GraphRequest {
  method: string;
  path: string;
  /** The `{id}` of `/{version}/{id}/messages` (a Page id, `me`, or a phone number id). */
  nodeId: string | null;
  accessToken: string | null;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** What the fake answered. */
  status: number;
  /** The message id returned on success. */
  messageId: string | null;
}

class GraphRejection extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The Graph API at the wire for the Meta adapters, on 127.0.0.1: the Messenger Platform Send API
 * (`POST /{page-id|me}/messages`, answered `{ recipient_id, message_id }`) and the WhatsApp Cloud
 * API (`POST /{phone-number-id}/messages`, answered `{ messaging_product, contacts, messages }`),
 * with Graph's token check, its validation of lengths and shapes, and scriptable failures in
 * Graph's error body shape.
 */
export class FakeGraphApi {
  readonly requests: GraphRequest[] = [];
  private readonly failures: (GraphFailure | null)[] = [];

  private constructor(
    private readonly server: Server,
    private readonly options: Required<FakeGraphApiOptions>,
  ) {}

  static async start(options: FakeGraphApiOptions = {}): Promise<FakeGraphApi> {
    const server = createServer();
    const fake = new FakeGraphApi(server, {
      accessTokens: options.accessTokens ?? [FAKE_GRAPH_ACCESS_TOKEN],
      version: options.version ?? 'v23.0',
      sendApiTextLimit: options.sendApiTextLimit ?? { max: 2000, unit: 'chars' },
    });
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** The origin without a version: what the Meta adapters take as `graphApiRoot`. */
  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The origin with the version, as the Graph API's URLs are written. */
  get baseUrl(): string {
    return `${this.origin}/${this.options.version}`;
  }

  /**
   * The next requests (one each, in order) fail like this instead of being answered; a `null`
   * lets that request through, so a failure can be aimed at the second part of a split message.
   */
  failNext(...failures: (GraphFailure | null)[]): void {
    this.failures.push(...failures);
  }

  /** Bodies of the messages the fake accepted, in order. */
  get delivered(): Record<string, unknown>[] {
    return this.requests.filter((r) => r.status === 200).map((r) => r.body);
  }

  reset(): void {
    this.requests.length = 0;
    this.failures.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = MESSAGES_PATH.exec(url.pathname);
    const recorded: GraphRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      nodeId: match?.[2] ?? null,
      accessToken: accessTokenOf(req.headers, url),
      headers: req.headers,
      body: {},
      status: 0,
      messageId: null,
    };
    this.requests.push(recorded);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      recorded.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const traceId = randomBytes(8).toString('base64url');
    try {
      recorded.body = parseBody(await readBody(req));
      if (!match || match[1] !== this.options.version || recorded.method !== 'POST') {
        throw new GraphRejection(400, 100, `Unsupported ${recorded.method} request.`);
      }
      if (!recorded.accessToken || !this.options.accessTokens.includes(recorded.accessToken)) {
        throw new GraphRejection(
          400,
          190,
          'Invalid OAuth access token - Cannot parse access token',
        );
      }
      const failure = this.failures.shift();
      if (failure)
        return reply(failure.status, graphErrorBody(failure.error, traceId), failure.headers);
      const answer =
        recorded.body.messaging_product === 'whatsapp'
          ? this.answerWhatsApp(recorded)
          : this.answerSendApi(recorded);
      reply(200, answer);
    } catch (error) {
      if (!(error instanceof GraphRejection)) throw error;
      reply(
        error.status,
        graphErrorBody(
          { message: error.message, type: 'OAuthException', code: error.code },
          traceId,
        ),
      );
    }
  }

  private answerSendApi(recorded: GraphRequest): object {
    const {
      recipient,
      message,
      messaging_type: messagingType,
    } = recorded.body as {
      recipient?: { id?: unknown };
      message?: { text?: unknown; attachment?: unknown };
      messaging_type?: unknown;
    };
    if (typeof recipient?.id !== 'string')
      invalidParam('(#100) param recipient must be non-empty.');
    if (!SEND_API_MESSAGING_TYPES.has(String(messagingType))) {
      invalidParam('(#100) param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
    }
    if (typeof message?.text === 'string') {
      const { max, unit } = this.options.sendApiTextLimit;
      const length =
        unit === 'chars' ? message.text.length : Buffer.byteLength(message.text, 'utf8');
      if (message.text === '' || length > max) {
        invalidParam(`(#100) Length of param message[text] must be less than or equal to ${max}`);
      }
    } else if (typeof message?.attachment !== 'object' || message.attachment === null) {
      invalidParam('(#100) Must send either message or state');
    }
    const messageId = `m_${randomBytes(24).toString('base64url')}`;
    recorded.messageId = messageId;
    return { recipient_id: recipient?.id, message_id: messageId };
  }

  private answerWhatsApp(recorded: GraphRequest): object {
    const body = recorded.body as {
      to?: unknown;
      type?: unknown;
      text?: { body?: unknown };
      template?: { name?: unknown; language?: { code?: unknown } };
      [media: string]: unknown;
    };
    if (typeof body.to !== 'string' || body.to === '') {
      invalidParam('(#100) The parameter to is required.');
    }
    const type = String(body.type ?? 'text');
    if (type === 'text') {
      const text = body.text?.body;
      if (typeof text !== 'string' || text === '') {
        invalidParam('(#100) The parameter text[body] is required.');
      }
      if (text.length > WHATSAPP_TEXT_LIMIT) {
        invalidParam(
          `(#100) Param text[body] must be at most ${WHATSAPP_TEXT_LIMIT} characters long.`,
        );
      }
    } else if (type === 'template') {
      if (
        typeof body.template?.name !== 'string' ||
        typeof body.template.language?.code !== 'string'
      ) {
        invalidParam(
          '(#100) The parameter template[name] and template[language][code] are required.',
        );
      }
    } else if (WHATSAPP_MEDIA.has(type)) {
      const media = body[type] as { link?: unknown; id?: unknown } | undefined;
      if (typeof media?.link !== 'string' && typeof media?.id !== 'string') {
        invalidParam(`(#100) The parameter ${type}[link] or ${type}[id] is required.`);
      }
    } else {
      invalidParam(
        `(#100) Param type must be one of text, template, ${[...WHATSAPP_MEDIA].join(', ')}`,
      );
    }
    const messageId = `wamid.${randomBytes(30).toString('base64')}`;
    recorded.messageId = messageId;
    return {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id: messageId }],
    };
  }
}

function invalidParam(message: string): never {
  throw new GraphRejection(400, 100, message);
}

function accessTokenOf(headers: IncomingHttpHeaders, url: URL): string | null {
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '');
  return bearer?.[1] ?? url.searchParams.get('access_token');
}

function parseBody(text: string): Record<string, unknown> {
  if (text === '') return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
  } catch {
    // Falls through to Graph's answer for an unreadable body.
  }
  throw new GraphRejection(400, 100, '(#100) The request body could not be parsed as JSON.');
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
