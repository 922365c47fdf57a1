import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AnswerRequest,
  type AnswerStreamEvent,
  CORE_AI_ANSWER_PATH,
} from '@cxgenie/contracts';

const TOKEN = / ?[^\s]{1,4}|\s+/g;

const ANSWER_TAIL = [
  '',
  'This answer comes from a stand-in for core-ai, so what is measured is the pipeline alone: queueing, ordering, locking, persistence and socket delivery.',
  'It streams token-sized pieces in three paragraphs, the way a model would.',
].join('\n\n');

const DONE: AnswerStreamEvent = {
  type: 'done',
  haveEnoughInformation: true,
  outcome: 'answered',
  provider: 'stub',
  model: 'stub',
  promptVersion: 'stub',
  citations: [],
  attemptedAnswer: null,
};

const ndjson = (text: string): string =>
  (text.match(TOKEN) ?? [])
    .map((token) => `${JSON.stringify({ type: 'delta', text: token })}\n`)
    .join('');

// Only the first paragraph depends on the question: the rest is serialised once, so the stand-in
// costs the shared CPU as little as it can.
const TAIL_LINES = `${ndjson(ANSWER_TAIL)}${JSON.stringify(DONE)}\n`;

const answerFor = (question: string): string =>
  `${ndjson(`You asked: "${question.slice(0, 200)}".`)}${TAIL_LINES}`;

export interface FakeCoreAiAnswer {
  url: string;
  /** Every answer request received, in arrival order. */
  requests: AnswerRequest[];
  close(): Promise<void>;
}

export interface FakeCoreAiAnswerOptions {
  /**
   * Paced like a model: each token is written this long after the previous one (default 0: the
   * whole answer at once).
   */
  tokenDelayMs?: number;
}

/** One NDJSON line per token of `text` (and the done event), each `delayMs` after the last. */
async function streamPaced(res: ServerResponse, text: string, delayMs: number): Promise<void> {
  for (const line of ndjson(text).split('\n').filter(Boolean)) {
    if (res.destroyed) return;
    res.write(`${line}\n`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  res.end(`${JSON.stringify(DONE)}\n`);
}

/**
 * A zero-latency stand-in for core-ai's answer endpoint, speaking its NDJSON protocol: the
 * ordering benchmark measures the conversation pipeline and not retrieval or a model, and tests
 * see exactly what the pipeline asked. With `tokenDelayMs` it streams the question back as one
 * paragraph, a token at a time.
 */
export async function startFakeCoreAiAnswer({
  tokenDelayMs = 0,
}: FakeCoreAiAnswerOptions = {}): Promise<FakeCoreAiAnswer> {
  const requests: AnswerRequest[] = [];
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== CORE_AI_ANSWER_PATH) {
      res.writeHead(404).end();
      return;
    }
    const body: Buffer[] = [];
    req.on('data', (part: Buffer) => body.push(part));
    req.on('end', () => {
      const request = JSON.parse(Buffer.concat(body).toString('utf8')) as AnswerRequest;
      requests.push(request);
      res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
      if (tokenDelayMs > 0) void streamPaced(res, `You asked ${request.question}`, tokenDelayMs);
      else res.end(answerFor(request.question));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
