import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A token in BotFather's format, accepted by the fake unless the test registers others. */
export const FAKE_TELEGRAM_BOT_TOKEN = '7000000001:AAFakeTelegramBotTokenForTests_0123456';

/** One Bot API call as the fake received it. */
export interface TelegramApiCall {
  token: string;
  method: string;
  body: Record<string, unknown>;
  receivedAt: number;
}

/**
 * The next call (to `method`, or to any method when unset) fails the way the Bot API fails:
 * `{ ok: false, error_code, description, parameters }` with the same HTTP status.
 */
export interface TelegramFailure {
  method?: string;
  errorCode: number;
  description?: string;
  /** 429 only: seconds, sent as `parameters.retry_after` (default 1). */
  retryAfter?: number;
  /** Let this many matching calls succeed first (fail the second part of a split message…). */
  skip?: number;
}

export interface RegisteredWebhook {
  url: string;
  secretToken: string | null;
  allowedUpdates: string[] | null;
}

const MAX_TEXT_LENGTH = 4096;
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: chat not found',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

/**
 * The Telegram Bot API at the wire (`POST /bot<token>/<method>`, JSON or form bodies) for the real
 * `telegraf` client pointed at it with `apiRoot`: getMe, setWebhook (validating the secret token
 * as Telegram does), getWebhookInfo, deleteWebhook, sendMessage (4096-character limit), sendPhoto
 * and sendDocument. Failures are scripted per call. Like Telegram, it delivers updates to the
 * registered webhook with the registered secret token (`deliver`).
 */
export class FakeTelegram {
  readonly calls: TelegramApiCall[] = [];
  private readonly failures: TelegramFailure[] = [];
  private readonly tokens: Set<string>;
  private readonly webhooks = new Map<string, RegisteredWebhook>();
  private readonly nextMessageId = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    tokens: string[],
  ) {
    this.tokens = new Set(tokens);
  }

  static async start(tokens: string[] = [FAKE_TELEGRAM_BOT_TOKEN]): Promise<FakeTelegram> {
    const server = createServer();
    const fake = new FakeTelegram(server, tokens);
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

  /** What telegraf's `telegram.apiRoot` option (and TELEGRAM_API_ROOT) takes. */
  get apiRoot(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  addBot(token: string): void {
    this.tokens.add(token);
  }

  failNext(...failures: TelegramFailure[]): void {
    this.failures.push(...failures);
  }

  callsTo(method: string): TelegramApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages the bot sent (sendMessage calls that succeeded or not), optionally to one chat. */
  sentTexts(chatId?: string | number): string[] {
    return this.callsTo('sendMessage')
      .filter((c) => chatId === undefined || String(c.body['chat_id']) === String(chatId))
      .map((c) => String(c.body['text']));
  }

  webhookOf(token: string = FAKE_TELEGRAM_BOT_TOKEN): RegisteredWebhook | null {
    return this.webhooks.get(token) ?? null;
  }

  /** Posts an update to the bot's webhook the way Telegram does: JSON, with the secret token. */
  async deliver(
    update: object,
    token: string = FAKE_TELEGRAM_BOT_TOKEN,
  ): Promise<{ status: number; body: string }> {
    const webhook = this.webhooks.get(token);
    if (!webhook) throw new Error('no webhook set for this bot: call setWebhook first');
    const res = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(webhook.secretToken && { 'x-telegram-bot-api-secret-token': webhook.secretToken }),
      },
      body: JSON.stringify(update),
    });
    return { status: res.status, body: await res.text() };
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const body = await readBody(req);
    if (!route) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = route;
    this.calls.push({ token, method, body, receivedAt: Date.now() });
    try {
      if (!this.tokens.has(token)) throw new BotApiError(401, 'Unauthorized');
      this.failIfScripted(method);
      reply(res, 200, { ok: true, result: this.answer(token, method, body) });
    } catch (error) {
      if (!(error instanceof BotApiError)) throw error;
      reply(res, error.errorCode, {
        ok: false,
        error_code: error.errorCode,
        description: error.description,
        ...(error.parameters && { parameters: error.parameters }),
      });
    }
  }

  private failIfScripted(method: string): void {
    const index = this.failures.findIndex((f) => !f.method || f.method === method);
    if (index < 0) return;
    const failure = this.failures[index];
    if (failure.skip) {
      failure.skip -= 1;
      return;
    }
    this.failures.splice(index, 1);
    const { errorCode } = failure;
    if (errorCode === 429) {
      const retryAfter = failure.retryAfter ?? 1;
      throw new BotApiError(
        429,
        failure.description ?? `Too Many Requests: retry after ${retryAfter}`,
        { retry_after: retryAfter },
      );
    }
    throw new BotApiError(
      errorCode,
      failure.description ?? DEFAULT_DESCRIPTIONS[errorCode] ?? `Error ${errorCode}`,
    );
  }

  private answer(token: string, method: string, body: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return this.bot(token);
      case 'setWebhook':
        return this.setWebhook(token, body);
      case 'deleteWebhook':
        this.webhooks.delete(token);
        return true;
      case 'getWebhookInfo': {
        const webhook = this.webhooks.get(token);
        return { url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: 0 };
      }
      case 'sendMessage':
        return this.sendMessage(token, body);
      case 'sendPhoto':
      case 'sendDocument':
        return this.message(token, body, {
          [method === 'sendPhoto' ? 'photo' : 'document']: {
            file_id: String(body[method === 'sendPhoto' ? 'photo' : 'document']),
          },
        });
      default:
        throw new BotApiError(404, 'Not Found: method not found');
    }
  }

  private setWebhook(token: string, body: Record<string, unknown>): true {
    const url = typeof body['url'] === 'string' ? body['url'] : '';
    if (!/^https?:\/\//.test(url))
      throw new BotApiError(400, 'Bad Request: bad webhook: invalid URL');
    const secret = body['secret_token'];
    if (secret !== undefined && (typeof secret !== 'string' || !SECRET_TOKEN.test(secret))) {
      throw new BotApiError(400, 'Bad Request: secret token contains unallowed characters');
    }
    const allowed = parseJsonArray(body['allowed_updates']);
    this.webhooks.set(token, {
      url,
      secretToken: typeof secret === 'string' ? secret : null,
      allowedUpdates: allowed,
    });
    return true;
  }

  private sendMessage(token: string, body: Record<string, unknown>): unknown {
    const text = typeof body['text'] === 'string' ? body['text'] : '';
    if (text.trim() === '') throw new BotApiError(400, 'Bad Request: message text is empty');
    if (text.length > MAX_TEXT_LENGTH)
      throw new BotApiError(400, 'Bad Request: message is too long');
    if (body['parse_mode'] === 'MarkdownV2' && /(^|[^\\])[_*[\]()~`>#+\-=|{}.!]/.test(text)) {
      throw new BotApiError(400, "Bad Request: can't parse entities: character must be escaped");
    }
    return this.message(token, body, { text });
  }

  private message(token: string, body: Record<string, unknown>, content: object): unknown {
    const chatId = body['chat_id'];
    if (chatId === undefined || chatId === '')
      throw new BotApiError(400, 'Bad Request: chat_id is empty');
    const key = `${token}:${String(chatId)}`;
    const messageId = (this.nextMessageId.get(key) ?? 100) + 1;
    this.nextMessageId.set(key, messageId);
    return {
      message_id: messageId,
      from: this.bot(token),
      chat: { id: Number(chatId), type: 'private' },
      date: Math.floor(Date.now() / 1000),
      ...content,
    };
  }

  private bot(token: string) {
    return {
      id: Number(token.split(':')[0]),
      is_bot: true,
      first_name: 'Fake support bot',
      username: 'fake_support_bot',
    };
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  const parsed = JSON.parse(text) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function parseJsonArray(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}
