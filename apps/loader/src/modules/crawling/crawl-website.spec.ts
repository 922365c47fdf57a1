import type { CrawlOptions, CrawlReport, CrawledPage } from './crawl.types';
import { crawlWebsite } from './crawl-website';
import { createPublicOnlyFetch } from './public-only-fetch';
import { type Route, type TestSite, page, redirect, startTestSite } from './crawl.test-helpers';

const KB = 1024;

/** Runs a crawl to the end: the pages yielded and the report returned. */
async function crawl(options: Partial<CrawlOptions> & { startUrl: string }) {
  const generator = crawlWebsite({
    sitemapUrl: null,
    maxPages: 100,
    maxDepth: 5,
    fetch,
    ...options,
  });
  const pages: CrawledPage[] = [];
  for (;;) {
    const step = await generator.next();
    if (step.done) return { pages, report: step.value as CrawlReport };
    pages.push(step.value);
  }
}

const streamedHtml =
  (bytes: number): Route =>
  (_req, res) => {
    res.on('error', () => undefined);
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = `<p>${'x'.repeat(16 * KB - 7)}</p>`;
    for (let sent = 0; sent < bytes; sent += chunk.length) res.write(chunk);
    res.end();
  };

const HOME_LINKS = [
  '/about',
  '/about#team',
  '/about?utm_source=newsletter',
  '/docs',
  '/loop-a',
  '/missing',
  '/manual.pdf',
  '/logo.png',
  '/huge',
  '/huge-declared',
  '/private/secret',
  '/private/open',
  '/script.cgi',
  'https://other.example.com/',
  'mailto:help@example.com',
  'javascript:void(0)',
  '/moved',
  '/to-about',
  '/to-private',
  '/offsite',
  '/chain-0',
  '/slow',
  '/hidden',
];

function mainSite(): Record<string, Route> {
  const routes: Record<string, Route> = {
    '/robots.txt': {
      type: 'text/plain',
      body: [
        '# test site',
        'User-agent: *',
        'Disallow: /private',
        'Allow: /private/open',
        'Disallow: /*.cgi$',
        '',
        'User-agent: OtherBot',
        'Disallow: /',
        '',
        'Sitemap: ${origin}/sitemap-index.xml',
      ].join('\n'),
    },
    '/sitemap-index.xml': {
      type: 'application/xml',
      body:
        '<?xml version="1.0" encoding="UTF-8"?>' +
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
        '<sitemap><loc>${origin}/sitemap-pages.xml</loc></sitemap></sitemapindex>',
    },
    '/sitemap-pages.xml': {
      type: 'application/xml',
      body:
        '<?xml version="1.0" encoding="UTF-8"?>' +
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
        '<url><loc>${origin}/from-sitemap</loc></url>' +
        '<url><loc>${origin}/private/listed</loc></url>' +
        '<url><loc>https://elsewhere.example/page</loc></url>' +
        '<url><loc> ${origin}/ </loc></url>' +
        '</urlset>',
    },
    '/': { body: page('Home', HOME_LINKS) },
    '/about': { body: page('About us') },
    '/from-sitemap': { body: page('Only in the sitemap') },
    '/docs': { body: page('Docs', ['/docs/a']) },
    '/docs/a': { body: page('A', ['a/b']) },
    '/docs/a/b': { body: page('B', ['/docs/a/b/c']) },
    '/docs/a/b/c': { body: page('C') },
    '/docs/intro': { body: page('Intro') },
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('${origin}/loop-a'),
    '/moved': redirect('/docs/intro', 301),
    '/to-about': redirect('/about', 308),
    '/to-private': redirect('/private/secret', 307),
    '/offsite': redirect('https://other.example.com/x'),
    '/manual.pdf': { type: 'application/pdf', body: '%PDF-1.4 fake' },
    '/logo.png': { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    '/huge': streamedHtml(200 * KB),
    '/huge-declared': { body: `<html><body>${'y'.repeat(100 * KB)}</body></html>` },
    '/private/secret': { body: page('Secret') },
    '/private/listed': { body: page('Listed but private') },
    '/private/open': { body: page('Open part of private') },
    '/script.cgi': { body: page('CGI') },
    // Never answers: the crawl's timeout must be what ends it.
    '/slow': (_req, res) => {
      res.on('error', () => undefined);
    },
    '/hidden': {
      body: page('Hidden', ['/hidden-child'], '<meta name="robots" content="noindex">'),
    },
    '/hidden-child': { body: page('Child of hidden') },
  };
  for (let i = 0; i < 6; i++) routes[`/chain-${i}`] = redirect(`/chain-${i + 1}`);
  routes['/chain-6'] = { body: page('End of chain') };
  return routes;
}

describe('crawlWebsite against a local site', () => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite(mainSite());
  });
  afterAll(() => site.close());

  it('crawls breadth-first within the origin, honours robots.txt and the sitemap, and says why it skipped', async () => {
    site.requests.length = 0;
    const { pages, report } = await crawl({
      startUrl: `${site.origin}/`,
      maxDepth: 3,
      maxPageBytes: 64 * KB,
      // Generous, because every other page must come back in time on a loaded CI machine.
      timeoutMs: 2_000,
    });
    const o = site.origin;
    expect(pages.map((p) => [p.url.replace(o, ''), p.depth, p.title])).toEqual([
      ['/', 0, 'Home'],
      ['/from-sitemap', 0, 'Only in the sitemap'],
      ['/about', 1, 'About us'],
      ['/docs', 1, 'Docs'],
      ['/private/open', 1, 'Open part of private'],
      ['/docs/intro', 1, 'Intro'],
      ['/docs/a', 2, 'A'],
      ['/hidden-child', 2, 'Child of hidden'],
      ['/docs/a/b', 3, 'B'],
    ]);
    expect(pages[2].html).toContain('<h1>About us</h1>');
    expect(report.pages).toBe(9);
    expect(report.skipped).toEqual([
      { url: 'https://elsewhere.example/page', reason: `listed in the sitemap but not on ${o}` },
      { url: `${o}/private/listed`, reason: 'disallowed by robots.txt' },
      { url: `${o}/loop-a`, reason: `redirect loop: ${o}/loop-a → ${o}/loop-b → ${o}/loop-a` },
      { url: `${o}/missing`, reason: 'HTTP 404' },
      { url: `${o}/manual.pdf`, reason: 'not an HTML page (application/pdf)' },
      { url: `${o}/logo.png`, reason: 'not an HTML page (image/png)' },
      { url: `${o}/huge`, reason: 'larger than the 64 KB limit' },
      { url: `${o}/huge-declared`, reason: 'larger than the 64 KB limit' },
      { url: `${o}/private/secret`, reason: 'disallowed by robots.txt' },
      { url: `${o}/script.cgi`, reason: 'disallowed by robots.txt' },
      { url: `${o}/to-about`, reason: `redirects to ${o}/about, crawled on its own` },
      {
        url: `${o}/to-private`,
        reason: `redirects to ${o}/private/secret, disallowed by robots.txt`,
      },
      { url: `${o}/offsite`, reason: 'redirects off-site to https://other.example.com/x' },
      { url: `${o}/chain-0`, reason: 'too many redirects (more than 5)' },
      { url: `${o}/slow`, reason: 'timed out after 2 s' },
      { url: `${o}/hidden`, reason: 'the page asks not to be indexed (robots noindex)' },
    ]);
    // Disallowed and too-deep pages are never even requested; every page at most once.
    for (const path of ['/private/secret', '/private/listed', '/script.cgi', '/docs/a/b/c'])
      expect(site.requests).not.toContain(path);
    expect(site.requests.filter((path) => path === '/about')).toEqual(['/about']);
    expect(site.requests.slice(0, 3)).toEqual([
      '/robots.txt',
      '/sitemap-index.xml',
      '/sitemap-pages.xml',
    ]);
  });

  it('stops at the page limit, fetching nothing more', async () => {
    site.requests.length = 0;
    const { pages, report } = await crawl({ startUrl: site.origin, maxPages: 3 });
    expect(pages.map((p) => p.url.replace(site.origin, ''))).toEqual([
      '/',
      '/from-sitemap',
      '/about',
    ]);
    expect(report.pages).toBe(3);
    expect(site.requests.at(-1)).toBe('/about');
  });

  it('with depth 0 takes only the start page and the sitemap pages', async () => {
    const { pages } = await crawl({ startUrl: site.origin, maxDepth: 0 });
    expect(pages.map((p) => [p.url.replace(site.origin, ''), p.depth])).toEqual([
      ['/', 0],
      ['/from-sitemap', 0],
    ]);
  });

  it('stops when aborted, with the signal’s reason', async () => {
    const controller = new AbortController();
    const generator = crawlWebsite({
      startUrl: site.origin,
      sitemapUrl: null,
      maxPages: 100,
      maxDepth: 5,
      fetch,
      signal: controller.signal,
    });
    expect((await generator.next()).value).toMatchObject({ url: `${site.origin}/` });
    controller.abort(new Error('job cancelled'));
    await expect(generator.next()).rejects.toThrow('job cancelled');
  });

  it('refuses, by default, a site on another port or on a loopback address', async () => {
    const port = new URL(site.origin).port;
    const requestsBefore = site.requests.length;
    const { pages, report } = await crawl({ startUrl: site.origin, fetch: undefined });
    expect(pages).toEqual([]);
    expect(report.skipped).toEqual([
      { url: `${site.origin}/`, reason: `refused: port ${port} is not allowed (allowed: 80, 443)` },
    ]);
    const onItsPort = createPublicOnlyFetch({ allowedPorts: [Number(port)] });
    const loopback = await crawl({ startUrl: site.origin, fetch: onItsPort });
    expect(loopback.report.skipped).toEqual([
      { url: `${site.origin}/`, reason: 'refused: 127.0.0.1 is not a public address' },
    ]);
    expect(site.requests).toHaveLength(requestsBefore);
  });
});

describe('crawlWebsite: robots.txt and sitemap discovery', () => {
  const sites: TestSite[] = [];
  const serve = async (routes: Record<string, Route>) => {
    const site = await startTestSite(routes);
    sites.push(site);
    return site;
  };
  afterAll(() => Promise.all(sites.map((site) => site.close())));

  it('without robots.txt crawls everything, seeding from /sitemap.xml', async () => {
    const site = await serve({
      '/': { body: page('Home') },
      '/sitemap.xml': {
        type: 'text/xml',
        body: '<urlset><url><loc>${origin}/deep/page</loc></url></urlset>',
      },
      '/deep/page': { body: page('Deep') },
    });
    const { pages, report } = await crawl({ startUrl: site.origin });
    expect(pages.map((p) => p.url.replace(site.origin, ''))).toEqual(['/', '/deep/page']);
    expect(report.skipped).toEqual([]);
  });

  it('prefers the given sitemap, and reports it when it is missing', async () => {
    const site = await serve({
      '/robots.txt': { type: 'text/plain', body: 'Sitemap: ${origin}/from-robots.xml' },
      '/from-robots.xml': {
        type: 'text/xml',
        body: '<urlset><url><loc>${origin}/a</loc></url></urlset>',
      },
      '/given.xml': {
        type: 'text/xml',
        body: '<urlset><url><loc>${origin}/b</loc></url></urlset>',
      },
      '/': { body: page('Home') },
      '/a': { body: page('A') },
      '/b': { body: page('B') },
    });
    const given = await crawl({ startUrl: site.origin, sitemapUrl: `${site.origin}/given.xml` });
    expect(given.pages.map((p) => p.url.replace(site.origin, ''))).toEqual(['/', '/b']);
    const missing = await crawl({ startUrl: site.origin, sitemapUrl: `${site.origin}/nope.xml` });
    expect(missing.report.skipped).toEqual([
      { url: `${site.origin}/nope.xml`, reason: 'sitemap HTTP 404' },
    ]);
  });

  it('obeys the group written for its own user agent', async () => {
    const site = await serve({
      '/robots.txt': {
        type: 'text/plain',
        body: 'User-agent: *\nDisallow: /\n\nUser-agent: CXGenieBot\nDisallow: /docs',
      },
      '/': { body: page('Home', ['/docs', '/about']) },
      '/docs': { body: page('Docs') },
      '/about': { body: page('About') },
    });
    const { pages, report } = await crawl({ startUrl: site.origin });
    expect(pages.map((p) => p.url.replace(site.origin, ''))).toEqual(['/', '/about']);
    expect(report.skipped).toEqual([
      { url: `${site.origin}/docs`, reason: 'disallowed by robots.txt' },
    ]);
  });

  it('crawls nothing when robots.txt is unreachable (5xx)', async () => {
    const site = await serve({
      '/robots.txt': { status: 503, body: 'down' },
      '/': { body: page('Home') },
    });
    const { pages, report } = await crawl({ startUrl: site.origin });
    expect(pages).toEqual([]);
    expect(report.skipped).toEqual([
      {
        url: `${site.origin}/`,
        reason: 'robots.txt could not be read (HTTP 503), so the site may not be crawled',
      },
    ]);
    expect(site.requests).toEqual(['/robots.txt']);
  });

  it('decodes the declared charset, and follows links through <base> but not rel=nofollow', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('<html><head><meta charset="iso-8859-1"><title>Caf', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from(
        '</title><base href="/sub/"></head><body><a href="x">x</a><a rel="nofollow" href="/n">n</a></body></html>',
        'latin1',
      ),
    ]);
    const site = await serve({
      '/': { type: 'text/html', body: latin1 },
      '/sub/x': { body: page('X') },
      '/n': { body: page('N') },
    });
    const { pages } = await crawl({ startUrl: site.origin });
    expect(pages.map((p) => [p.url.replace(site.origin, ''), p.title])).toEqual([
      ['/', 'Café'],
      ['/sub/x', 'X'],
    ]);
  });
});
