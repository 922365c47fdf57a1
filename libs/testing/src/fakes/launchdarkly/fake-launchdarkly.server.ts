import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LdFlag, type LdFlagSpec, ldFlag } from './launchdarkly-flags';

/** An SDK key in LaunchDarkly's format, accepted by the fake unless the test says otherwise. */
export const FAKE_LAUNCHDARKLY_SDK_KEY = 'sdk-00000000-0000-4000-8000-00000000fa4e';

/** One request the fake received. */
export interface LaunchDarklyRequest {
  method: string;
  path: string;
  authorization: string | null;
  userAgent: string | null;
  receivedAt: number;
}

/** One analytics event the SDK posted to `/bulk` (index, feature, summary, custom…). */
export type LaunchDarklyEvent = Record<string, unknown> & { kind: string };

/**
 * LaunchDarkly's server-side SDK endpoints at the wire, for the real SDK pointed at it with
 * `streamUri`, `baseUri` and `eventsUri`:
 * - streaming `GET /all` (Server-Sent Events: `put` with every flag on connect, then `patch` and
 *   `delete` as flags change),
 * - polling `GET /sdk/latest-all`,
 * - events `POST /bulk` (analytics) and `POST /diagnostic`.
 * Every request must carry the SDK key in `Authorization`, as LaunchDarkly requires; anything
 * else is refused 401, which the SDK treats as final.
 */
export class FakeLaunchDarkly {
  readonly requests: LaunchDarklyRequest[] = [];
  readonly events: LaunchDarklyEvent[] = [];
  readonly diagnostics: Record<string, unknown>[] = [];
  private readonly flags = new Map<string, LdFlag>();
  /** Kept past a deletion: the SDK ignores anything not newer than the version it has. */
  private readonly versions = new Map<string, number>();
  private readonly streams = new Set<ServerResponse>();
  private refusingStreams = false;

  private constructor(
    private readonly server: Server,
    readonly sdkKey: string,
  ) {}

  static async start(sdkKey: string = FAKE_LAUNCHDARKLY_SDK_KEY): Promise<FakeLaunchDarkly> {
    const server = createServer();
    const fake = new FakeLaunchDarkly(server, sdkKey);
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

  /** One origin serves all three: pass it as streamUri, baseUri and eventsUri. */
  get uri(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The environment the flags service needs to use this fake as its LaunchDarkly. */
  env(): Record<string, string> {
    return {
      LAUNCHDARKLY_SDK_KEY: this.sdkKey,
      LAUNCHDARKLY_STREAM_URI: this.uri,
      LAUNCHDARKLY_BASE_URI: this.uri,
      LAUNCHDARKLY_EVENTS_URI: this.uri,
    };
  }

  get openStreams(): number {
    return this.streams.size;
  }

  flag(key: string): LdFlag | undefined {
    return this.flags.get(key);
  }

  /**
   * Creates or replaces a flag, with the next version as LaunchDarkly would, and sends it to every
   * connected SDK as a `patch`.
   */
  setFlag(key: string, spec: LdFlagSpec): LdFlag {
    const flag = ldFlag(key, spec, this.nextVersion(key));
    this.flags.set(key, flag);
    this.broadcast('patch', { path: `/flags/${key}`, data: flag });
    return flag;
  }

  deleteFlag(key: string): void {
    const version = this.nextVersion(key);
    this.flags.delete(key);
    this.broadcast('delete', { path: `/flags/${key}`, version });
  }

  /** Drops every open stream (an outage, a load balancer restart); the SDK reconnects. */
  dropStreams(): void {
    for (const stream of this.streams) stream.destroy();
    this.streams.clear();
  }

  /** While true, stream requests answer 503 (LaunchDarkly unreachable but the key still valid). */
  refuseStreams(refuse: boolean): void {
    this.refusingStreams = refuse;
    if (refuse) this.dropStreams();
  }

  summaryCounters(flagKey: string): { value: unknown; count: number; variation?: number }[] {
    return this.events
      .filter((e) => e.kind === 'summary')
      .flatMap((e) => {
        const features = e['features'] as Record<
          string,
          { counters: { value: unknown; count: number; variation?: number }[] }
        >;
        return features[flagKey]?.counters ?? [];
      });
  }

  async close(): Promise<void> {
    this.dropStreams();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextVersion(key: string): number {
    const version = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, version);
    return version;
  }

  private allData(): { flags: Record<string, LdFlag>; segments: Record<string, never> } {
    return { flags: Object.fromEntries(this.flags), segments: {} };
  }

  private broadcast(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of this.streams) stream.write(frame);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const authorization = req.headers.authorization ?? null;
    this.requests.push({
      method: req.method ?? 'GET',
      path,
      authorization,
      userAgent: req.headers['user-agent'] ?? null,
      receivedAt: Date.now(),
    });
    const body = await readBody(req);
    if (authorization !== this.sdkKey) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'unauthorized', message: 'Invalid account ID header' }));
      return;
    }
    if (req.method === 'GET' && path === '/all') return this.openStream(res);
    if (req.method === 'GET' && path === '/sdk/latest-all') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.allData()));
      return;
    }
    if (req.method === 'POST' && path === '/bulk') {
      this.events.push(...(JSON.parse(body) as LaunchDarklyEvent[]));
      res.writeHead(202).end();
      return;
    }
    if (req.method === 'POST' && path === '/diagnostic') {
      this.diagnostics.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(202).end();
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'not_found', message: `no route ${req.method} ${path}` }));
  }

  private openStream(res: ServerResponse): void {
    if (this.refusingStreams) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write(`event: put\ndata: ${JSON.stringify({ path: '/', data: this.allData() })}\n\n`);
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
