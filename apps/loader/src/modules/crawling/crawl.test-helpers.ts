import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route =
  | { status?: number; type?: string; body?: string | Buffer; headers?: Record<string, string> }
  | ((req: IncomingMessage, res: ServerResponse, origin: string) => void);

export interface TestSite {
  origin: string;
  /** Paths requested, in order (query included). */
  requests: string[];
  close(): Promise<void>;
}

/** A website on 127.0.0.1 serving fixed routes; `${origin}` in a body or header is its origin. */
export async function startTestSite(routes: Record<string, Route>): Promise<TestSite> {
  const requests: string[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    if (typeof route === 'function') return route(req, res, origin);
    const body =
      typeof route.body === 'string' ? route.body.replaceAll('${origin}', origin) : route.body;
    const headers = Object.entries(route.headers ?? {}).map(([name, value]) => [
      name,
      value.replaceAll('${origin}', origin),
    ]);
    res.writeHead(route.status ?? 200, {
      'content-type': route.type ?? 'text/html; charset=utf-8',
      ...Object.fromEntries(headers),
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const page = (title: string, links: string[] = [], extraHead = ''): string =>
  `<!doctype html><html><head><title>${title}</title>${extraHead}</head><body><h1>${title}</h1>` +
  links.map((href) => `<a href="${href}">${href}</a>`).join('\n') +
  '</body></html>';

export const redirect = (location: string, status = 302): Route => ({
  status,
  headers: { location },
  body: '',
});
