import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { runWithTraceId } from '../tracing/trace-context';
import { HTTP_SERIALIZERS, createRootLogger, requestLoggingOptions } from './logger.module';

const TOKEN = 'tok_9f8e7d6c5b4a_do_not_log';
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

type Line = Record<string, unknown> & { msg?: string; req?: { url?: string; headers?: object } };

/**
 * pino-http wired as every service wires it, behind a bare HTTP server: `/quiet` writes nothing,
 * `/warns` writes one warning through the request's logger, `/health` is an ignored route.
 */
async function serve(level: string) {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(text) as Line);
      }
      done();
    },
  });
  const root = createRootLogger({ service: 'spec', level, destination });
  const serialized = jest.fn(HTTP_SERIALIZERS.req);
  const middleware = pinoHttp(
    requestLoggingOptions(root, { ...HTTP_SERIALIZERS, req: serialized }),
  );
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) =>
    runWithTraceId(TRACE_ID, () =>
      middleware(req, res, () => {
        if (req.url === '/warns') (req as IncomingMessage & { log: Logger }).log.warn('slow');
        if (req.url === '/hangs') return;
        res.end('ok');
      }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (path: string) => {
    const response = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${TOKEN}`, cookie: `session=${TOKEN}` },
    });
    await response.text();
    // The request line is written when the response finishes, after the client has it.
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  /** A client that sends a request and goes away before the answer. */
  const abandon = async (path: string) => {
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: spec\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { lines, serialized, call, abandon, close };
}

describe('per-request logging', () => {
  it('does not serialise the request when nothing is written (warn level, ignored route)', async () => {
    const http = await serve('warn');
    try {
      await http.call('/quiet');
      await http.call('/health');
      expect(http.lines).toEqual([]);
      expect(http.serialized).not.toHaveBeenCalled();
    } finally {
      await http.close();
    }
  });

  it('binds the redacted request and the trace id to a line a handler writes at warn', async () => {
    const http = await serve('warn');
    try {
      await http.call('/warns');
      expect(http.lines).toHaveLength(1);
      const [line] = http.lines;
      expect(line).toMatchObject({ level: 40, msg: 'slow', trace_id: TRACE_ID, service: 'spec' });
      expect(line?.req).toMatchObject({ method: 'GET', url: '/warns' });
      expect(line?.req?.headers).toMatchObject({
        authorization: '[redacted]',
        cookie: '[redacted]',
      });
      expect(JSON.stringify(http.lines)).not.toContain(TOKEN);
      expect(http.serialized).toHaveBeenCalledTimes(1);
    } finally {
      await http.close();
    }
  });

  it('writes the request line at info with the request, response and trace id, redacted', async () => {
    const http = await serve('info');
    try {
      await http.call('/warns');
      await http.call('/quiet');
      await http.call('/health');
      expect(http.lines.map((line) => [line.msg, line.req?.url])).toEqual([
        ['slow', '/warns'],
        ['request completed', '/warns'],
        ['request completed', '/quiet'],
      ]);
      for (const line of http.lines) {
        expect(line).toMatchObject({ trace_id: TRACE_ID, service: 'spec' });
        expect(line.req).toMatchObject({ id: expect.any(String), method: 'GET' });
        expect(line.req?.headers).toMatchObject({
          authorization: '[redacted]',
          cookie: '[redacted]',
        });
      }
      expect(http.lines[1]).toMatchObject({
        level: 30,
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      });
      expect(JSON.stringify(http.lines)).not.toContain(TOKEN);
      // One serialisation per written request, shared by its handler's lines and its request line.
      expect(http.serialized).toHaveBeenCalledTimes(2);
    } finally {
      await http.close();
    }
  });
  it("keeps the client's address on the line of a request its client abandoned", async () => {
    const http = await serve('info');
    try {
      await http.abandon('/hangs');
      const aborted = http.lines.find((line) => line.msg === 'request aborted');
      expect(aborted?.req).toMatchObject({ url: '/hangs', remoteAddress: '127.0.0.1' });
    } finally {
      await http.close();
    }
  });
});
