import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { type Options, pinoHttp } from 'pino-http';
import { HTTP_SERIALIZERS, createRootLogger, requestLoggingOptions } from '@cxgenie/observability';
import { type Benchmark, round } from '../benchmark';

const REQUESTS = Number(process.env.BENCH_REQUEST_LOGGING_REQUESTS ?? 50_000);
const ROUNDS = 5;

/** Headers as a platform's webhook delivery carries them, a secret among them. */
const HEADERS = {
  host: '127.0.0.1:3003',
  'content-type': 'application/json',
  'content-length': '312',
  'x-telegram-bot-api-secret-token': 'a1b2c3d4e5f6a1b2c3d4e5f6',
  'user-agent': 'undici',
  accept: '*/*',
  connection: 'keep-alive',
  'x-request-id': '0af7651916cd43dd8448eb211c80319c',
};

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** CPU µs per request that the request-logging middleware costs, the response included. */
function cpuMicrosPerRequest(middleware: Middleware, requests: number): number {
  const started = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    const req = {
      method: 'POST',
      url: '/webhooks/telegram/7c1b7b8e-6a7e-4e0e-9d6a-3a0a0f3a9b11',
      headers: HEADERS,
      socket: { remoteAddress: '127.0.0.1', remotePort: 51234 },
    } as unknown as IncomingMessage;
    const res = Object.assign(new EventEmitter(), {
      statusCode: 200,
      writableEnded: true,
      getHeaders: () => ({ 'content-type': 'application/json' }),
    });
    middleware(req, res as unknown as ServerResponse, () => undefined);
    res.emit('finish');
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / requests;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * pino-http as the services wire it (the request bound to its logger only when a line is
 * written, ADR 0066) against the eager wiring before it (`child({ req })` on every request), at
 * `warn` (the benchmarks' level: nothing written per request) and `info` (one line per request).
 * Lines go to a sink that drops them, so only building them is measured. In-process and
 * alternated round by round, so the machine's load touches both alike.
 */
export const requestLogging: Benchmark = {
  name: 'request-logging',
  description: `pino-http middleware, ${ROUNDS} alternated rounds of ${REQUESTS} webhook-shaped requests`,
  async run() {
    const metrics: Record<string, number> = {};
    for (const level of ['warn', 'info']) {
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const root = createRootLogger({ service: 'bench', level, destination: sink });
      const deferred = requestLoggingOptions(root);
      const eager: Options = {
        logger: root,
        serializers: HTTP_SERIALIZERS,
        genReqId: deferred.genReqId,
      };
      const variants = {
        eager: pinoHttp(eager) as Middleware,
        deferred: pinoHttp(deferred) as Middleware,
      };
      const samples: Record<keyof typeof variants, number[]> = { eager: [], deferred: [] };
      for (const name of ['eager', 'deferred'] as const) {
        cpuMicrosPerRequest(variants[name], Math.ceil(REQUESTS / 5));
      }
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of ['eager', 'deferred'] as const) {
          samples[name].push(cpuMicrosPerRequest(variants[name], REQUESTS));
        }
      }
      metrics[`cpu_us_per_request_${level}_eager`] = round(median(samples.eager));
      metrics[`cpu_us_per_request_${level}_deferred`] = round(median(samples.deferred));
    }
    return metrics;
  },
};
