import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newTraceId, runWithTraceId, traceIdFromHeaders } from './trace-context';
import { ServiceCallError } from './traced-fetch';
import { tracedHttpPost } from './traced-http-post';

const readAll = async (body: AsyncIterable<Uint8Array>): Promise<string> => {
  let text = '';
  for await (const bytes of body) text += Buffer.from(bytes).toString('utf8');
  return text;
};

describe('tracedHttpPost', () => {
  let server: Server;
  let url: string;
  const seen: { traceId?: string; body: string; contentType?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (p: Buffer) => parts.push(p));
      req.on('end', () => {
        seen.push({
          traceId: traceIdFromHeaders(req.headers),
          body: Buffer.concat(parts).toString('utf8'),
          contentType: req.headers['content-type'],
        });
        if (req.url === '/stall') {
          res.writeHead(200);
          res.write('first line\n');
          return; // never ends
        }
        res.writeHead(req.url === '/missing' ? 404 : 200);
        res.write('line one\n');
        setTimeout(() => res.end('line two\n'), 20);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('sends the body with the caller trace id and streams the whole answer back', async () => {
    const traceId = newTraceId();
    const res = await runWithTraceId(traceId, () =>
      tracedHttpPost(`${url}/answer`, {
        headers: { 'content-type': 'application/json' },
        body: '{"q":"é"}',
        timeoutMs: 5_000,
      }),
    );
    expect(res.status).toBe(200);
    expect(await readAll(res.body)).toBe('line one\nline two\n');
    expect(seen.at(-1)).toEqual({
      traceId,
      body: '{"q":"é"}',
      contentType: 'application/json',
    });
  });

  it('hands back the status of a refusal with its body', async () => {
    const res = await tracedHttpPost(`${url}/missing`, { headers: {}, body: '', timeoutMs: 5_000 });
    expect(res.status).toBe(404);
    expect(await readAll(res.body)).toContain('line one');
  });

  it('cuts an answer that is not complete within the deadline', async () => {
    const res = await tracedHttpPost(`${url}/stall`, { headers: {}, body: '', timeoutMs: 200 });
    await expect(readAll(res.body)).rejects.toThrow();
  });

  it('fails with a ServiceCallError naming the URL when nobody listens', async () => {
    const call = tracedHttpPost('http://127.0.0.1:1/answer', {
      headers: {},
      body: '',
      timeoutMs: 1_000,
    });
    await expect(call).rejects.toBeInstanceOf(ServiceCallError);
    await expect(call).rejects.toThrow('http://127.0.0.1:1/answer');
  });
});
