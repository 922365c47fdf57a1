import dns from 'node:dns';
import { fetchResource } from './fetch-resource';
import { createPublicOnlyFetch } from './public-only-fetch';
import { type TestSite, page, startTestSite } from './crawl.test-helpers';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A resolver that answers one name with a public address the first time and with 127.0.0.1
 * afterwards: DNS rebinding, as an attacker's name server with a TTL of zero does it. Installed
 * where Node itself resolves (`dns.lookup`, which sockets use, and `dns.promises.lookup`).
 */
function installRebindingResolver(name: string): { calls: () => number; restore(): void } {
  const original = { lookup: dns.lookup, promises: dns.promises.lookup };
  let calls = 0;
  const answer = (): string => (++calls === 1 ? '93.184.215.14' : '127.0.0.1');
  (dns as { lookup: unknown }).lookup = (
    hostname: string,
    options: dns.LookupOptions | LookupCallback,
    callback?: LookupCallback,
  ) => {
    const done = (typeof options === 'function' ? options : callback)!;
    const opts = typeof options === 'object' ? options : {};
    if (hostname !== name)
      return (original.lookup as (...args: unknown[]) => void)(hostname, opts, done);
    const address = answer();
    process.nextTick(() =>
      opts.all ? done(null, [{ address, family: 4 }]) : done(null, address, 4),
    );
  };
  (dns.promises as { lookup: unknown }).lookup = async (
    hostname: string,
    options?: dns.LookupOptions,
  ) => {
    if (hostname !== name) return original.promises(hostname, options ?? {});
    const address = answer();
    return options?.all ? [{ address, family: 4 }] : { address, family: 4 };
  };
  return {
    calls: () => calls,
    restore: () => {
      (dns as { lookup: unknown }).lookup = original.lookup;
      (dns.promises as { lookup: unknown }).lookup = original.promises;
    },
  };
}

const request = (url: string) => ({
  url,
  accept: 'text/html',
  maxBytes: 1024 * 1024,
  crossOriginRedirects: false,
});

describe('the crawler’s public-only fetch', () => {
  let site: TestSite;
  const port = () => Number(new URL(site.origin).port);

  beforeAll(async () => {
    site = await startTestSite({ '/': { body: page('Internal admin') } });
  });
  afterAll(() => site.close());

  it('connects to the address it checked: a name rebound to 127.0.0.1 after the check reaches nothing', async () => {
    const resolver = installRebindingResolver('rebind.test');
    try {
      const fetch = createPublicOnlyFetch({ allowedPorts: [port()] });
      const outcome = await fetchResource(
        { fetch, userAgent: 'test', timeoutMs: 2_000 },
        request(`http://rebind.test:${port()}/`),
      );
      expect(site.requests).toEqual([]);
      expect(outcome).toMatchObject({ ok: false, status: null });
      expect(resolver.calls()).toBe(1);
    } finally {
      resolver.restore();
    }
  });

  it('refuses a name or a literal address that is internal, without saying which address', async () => {
    const fetch = createPublicOnlyFetch({ allowedPorts: [port()] });
    const ctx = { fetch, userAgent: 'test', timeoutMs: 2_000 };
    const byName = await fetchResource(ctx, request(`http://localhost:${port()}/`));
    expect(byName).toMatchObject({
      ok: false,
      reason: 'refused: localhost resolves to a non-public address',
    });
    const literal = await fetchResource(ctx, request(`http://127.0.0.1:${port()}/`));
    expect(literal).toMatchObject({
      ok: false,
      reason: 'refused: 127.0.0.1 is not a public address',
    });
    expect(site.requests).toEqual([]);
  });

  it('allows only ports 80 and 443 unless configured otherwise', async () => {
    const ctx = { fetch: createPublicOnlyFetch(), userAgent: 'test', timeoutMs: 2_000 };
    for (const url of [
      'http://example.com:8080/',
      'https://example.com:6379/',
      'http://example.com:22/',
    ]) {
      expect(await fetchResource(ctx, request(url))).toMatchObject({
        ok: false,
        status: null,
        reason: `refused: port ${new URL(url).port} is not allowed (allowed: 80, 443)`,
      });
    }
  });

  it('reports a connection failure as "could not be fetched", never the error that maps ports', async () => {
    const closed = await startTestSite({});
    const closedPort = new URL(closed.origin).port;
    await closed.close();
    const outcome = await fetchResource(
      { fetch, userAgent: 'test', timeoutMs: 2_000 },
      request(`http://127.0.0.1:${closedPort}/`),
    );
    expect(outcome).toEqual({
      ok: false,
      url: `http://127.0.0.1:${closedPort}/`,
      status: null,
      reason: 'could not be fetched',
    });
  });
});
