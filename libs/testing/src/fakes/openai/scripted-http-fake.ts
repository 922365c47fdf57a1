import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the fake does with the next request. Requests take behaviours off the queue one each, in
 * order; an empty queue means "answer normally".
 */
export interface ScriptedBehaviour {
  /** Answer with this status and the provider's error body instead of a normal reply. */
  status?: number;
  /** Extra response headers (e.g. `retry-after`), on error and success replies alike. */
  headers?: Record<string, string>;
  /** Chat routes: the text the model answers. */
  reply?: string;
  /** Chat routes: the text the model answers, from the request body (a model that reads its prompt). */
  replyTo?: (body: Record<string, unknown>) => string;
  /** Chat streams: destroy the connection once this many text deltas were sent. */
  dropAfterDeltas?: number;
  /** Chat streams: end the response cleanly, without the closing events, after this many deltas. */
  endAfterDeltas?: number;
  /** Wait this long before answering; with `stallAfterDeltas`, mid-stream after that many deltas. */
  stallMs?: number;
  stallAfterDeltas?: number;
  /** Chat streams: pause before each text delta. */
  deltaDelayMs?: number;
}

/** A request as the fake received it, for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  receivedAt: number;
  /** Becomes true if the client hung up before the response was complete. */
  closedEarly: boolean;
  /** When the last byte of the response was handed to the socket. */
  respondedAt?: number;
}

/** One SSE frame; text deltas are the frames `dropAfterDeltas` and `stallAfterDeltas` count. */
export interface SseFrame {
  event?: string;
  data: unknown;
  isDelta?: boolean;
}

export class Exchange {
  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly recorded: RecordedRequest,
    readonly behaviour: ScriptedBehaviour,
  ) {}

  get body(): Record<string, unknown> {
    const body = this.recorded.body;
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  }

  json(status: number, body: unknown): void {
    this.res.writeHead(status, {
      'content-type': 'application/json',
      ...this.behaviour.headers,
    });
    this.res.end(JSON.stringify(body));
  }

  /** Streams frames the way both providers do, applying the behaviour's drop, stall and pacing. */
  async sse(frames: readonly SseFrame[], raw: (data: unknown) => string = JSON.stringify) {
    const {
      dropAfterDeltas,
      endAfterDeltas,
      stallAfterDeltas,
      stallMs = 0,
      deltaDelayMs = 0,
    } = this.behaviour;
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...this.behaviour.headers,
    });
    this.res.flushHeaders();
    let deltas = 0;
    for (const frame of frames) {
      if (frame.isDelta) {
        if (deltas === stallAfterDeltas && stallMs > 0) await this.pause(stallMs);
        if (deltas === dropAfterDeltas) {
          this.res.socket?.destroy();
          return;
        }
        if (deltas === endAfterDeltas) break;
        if (deltaDelayMs > 0) await this.pause(deltaDelayMs);
        deltas += 1;
      }
      if (this.recorded.closedEarly) return;
      const event = frame.event ? `event: ${frame.event}\n` : '';
      await this.write(`${event}data: ${raw(frame.data)}\n\n`);
    }
    this.res.end();
  }

  /** Resolves after `ms`, or as soon as the client hangs up: a stalled fake must not hold tests. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.recorded.closedEarly) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.res.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.res.once('close', done);
    });
  }

  // Waits until the bytes left the process, so a later socket.destroy() cannot swallow them.
  private write(chunk: string): Promise<void> {
    return new Promise((resolve) => {
      if (this.res.destroyed) return resolve();
      this.res.write(chunk, () => resolve());
    });
  }
}

export interface ScriptedHttpFakeOptions {
  routes: Record<string, (exchange: Exchange) => void | Promise<void>>;
  /** Whether the request carries the expected credentials. */
  authorized(headers: IncomingHttpHeaders): boolean;
  /** Anything else a real server rejects before routing (missing version header…), or null. */
  preflight?(headers: IncomingHttpHeaders): { status: number; message: string } | null;
  /** The provider's JSON error body for a status. */
  errorBody(status: number, message: string): unknown;
  /** Response header carrying a fresh request id (`x-request-id`, `request-id`), as providers do. */
  requestIdHeader?: string;
}

/** A node:http server on 127.0.0.1 with a behaviour queue and a request log: the core of a fake. */
export class ScriptedHttpFake {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: ScriptedBehaviour[] = [];
  private fallback: ScriptedBehaviour = {};

  private constructor(
    private readonly server: Server,
    private readonly options: ScriptedHttpFakeOptions,
  ) {}

  static async start(options: ScriptedHttpFakeOptions): Promise<ScriptedHttpFake> {
    const server = createServer();
    const fake = new ScriptedHttpFake(server, options);
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

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  enqueue(...behaviours: ScriptedBehaviour[]): void {
    this.queue.push(...behaviours);
  }

  /** What every request gets once the queue is empty (until reset). */
  setDefault(behaviour: ScriptedBehaviour): void {
    this.fallback = behaviour;
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Forgets recorded requests and queued behaviours between tests. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.fallback = {};
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://fake').pathname,
      headers: req.headers,
      body: undefined,
      receivedAt: Date.now(),
      closedEarly: false,
    };
    res.once('close', () => {
      if (!res.writableFinished) recorded.closedEarly = true;
    });
    res.once('finish', () => {
      recorded.respondedAt = Date.now();
    });
    if (this.options.requestIdHeader) {
      res.setHeader(this.options.requestIdHeader, `req_${randomBytes(8).toString('hex')}`);
    }
    const text = await readBody(req);
    try {
      recorded.body = text === '' ? undefined : JSON.parse(text);
    } catch {
      recorded.body = text;
      this.requests.push(recorded);
      return this.fail(res, 400, 'request body is not valid JSON');
    }
    this.requests.push(recorded);

    if (!this.options.authorized(req.headers)) return this.fail(res, 401, 'invalid API key');
    const rejected = this.options.preflight?.(req.headers);
    if (rejected) return this.fail(res, rejected.status, rejected.message);
    const route = this.options.routes[`${recorded.method} ${recorded.path}`];
    if (!route) return this.fail(res, 404, `no route ${recorded.method} ${recorded.path}`);

    const behaviour = this.queue.shift() ?? this.fallback;
    const exchange = new Exchange(req, res, recorded, behaviour);
    if (behaviour.stallMs && behaviour.stallAfterDeltas === undefined) {
      await exchange.pause(behaviour.stallMs);
      if (recorded.closedEarly) return;
    }
    if (behaviour.status) {
      return exchange.json(
        behaviour.status,
        this.options.errorBody(behaviour.status, `scripted ${behaviour.status}`),
      );
    }
    await route(exchange);
  }

  private fail(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(this.options.errorBody(status, message)));
  }
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

// Word pieces of at most four characters with their leading space, about how an LLM streams.
const TOKEN = / ?[^\s]{1,4}|\s+/g;

/** Splits a reply into stream deltas that concatenate back to exactly the reply. */
export const splitIntoDeltas = (reply: string): string[] => reply.match(TOKEN) ?? [];
