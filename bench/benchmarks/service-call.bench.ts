import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, type IncomingMessage, request } from 'node:http';
import { once } from 'node:events';
import { tracedHttpPost } from '@cxgenie/observability';
import { type Benchmark, round } from '../benchmark';

const CALLS = 20_000;
const WARMUP_CALLS = 3_000;
const CONCURRENCY = 50;

/**
 * An answer the size of the ordering benchmark's (80 token lines and a done line), served by a
 * process of its own so that only the client's CPU is counted here.
 */
const SERVER = `
const http = require('node:http');
const lines = Array.from({ length: 80 }, (_, i) => JSON.stringify({ type: 'delta', text: ' tok' + i }) + '\\n').join('')
  + JSON.stringify({ type: 'done', haveEnoughInformation: true }) + '\\n';
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/x-ndjson' }); res.end(lines); });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const BODY = JSON.stringify({
  question: 'Where is my order?',
  history: Array.from({ length: 10 }, (_, i) => ({ role: 'customer', text: `message ${i}` })),
});

type Call = (url: string) => Promise<AsyncIterable<Uint8Array>>;

// What tracedHttpPost did before undici: Node's client with a keep-alive agent.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const viaNodeHttp: Call = (url) =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) },
      },
      (res: IncomingMessage) => resolve(res),
    );
    req.once('error', reject);
    req.end(BODY);
  });

const viaTracedHttpPost: Call = async (url) =>
  (
    await tracedHttpPost(url, {
      headers: { 'content-type': 'application/json' },
      body: BODY,
      timeoutMs: 10_000,
    })
  ).body;

async function drain(body: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _bytes of body);
}

/** CPU microseconds this process spends per call, CONCURRENCY calls in flight. */
async function cpuPerCall(call: Call, url: string): Promise<number> {
  for (let i = 0; i < WARMUP_CALLS; i++) await drain(await call(url));
  let started = 0;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started < CALLS) {
        started++;
        await drain(await call(url));
      }
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / CALLS;
}

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [port] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${port.toString().trim()}/v1/answer`, child };
}

/** The client side of gateway-api's call to core-ai for every answer. */
export const serviceCall: Benchmark = {
  name: 'service-call',
  description: `${CALLS} POSTs answered with an 81-line NDJSON stream, ${CONCURRENCY} in flight: client CPU per call, tracedHttpPost (undici) against Node's http.request`,
  async run() {
    const { url, child } = await startServer();
    try {
      const nodeHttp = await cpuPerCall(viaNodeHttp, url);
      const traced = await cpuPerCall(viaTracedHttpPost, url);
      return {
        calls: CALLS,
        traced_http_post_cpu_us_per_call: round(traced, 1),
        node_http_request_cpu_us_per_call: round(nodeHttp, 1),
        cpu_ratio_node_http_over_traced: round(nodeHttp / traced, 2),
      };
    } finally {
      agent.destroy();
      child.kill();
    }
  },
};
