import {
  type CrawlOptions,
  type CrawlReport,
  type CrawledPage,
  DEFAULT_MAX_PAGE_BYTES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
} from './crawl.types';
import { normalizeUrl, originOf, robotsPathOf } from './crawl-url';
import { type FetchContext, fetchResource } from './fetch-resource';
import { decodeHtml, isHtmlContentType, looksLikeHtml, readPage } from './page-content';
import { publicOnlyFetch } from './public-only-fetch';
import {
  ALLOW_ALL,
  DISALLOW_ALL,
  MAX_ROBOTS_BYTES,
  type RobotsRules,
  parseRobotsTxt,
  productTokenOf,
} from './robots-txt';
import { MAX_SITEMAP_BYTES, parseSitemap } from './sitemap';

/** A sitemap index may nest; more files than this is not a site, it is a trap. */
const MAX_SITEMAP_FILES = 25;
/** Report entries kept; a huge site's every off-limits link would not help anyone. */
const MAX_SKIPPED_REPORTED = 1_000;

interface QueuedPage {
  url: string;
  depth: number;
}

/** Breadth-first: every URL once, in the order first seen, bounded in size. */
class Frontier {
  private readonly seen = new Set<string>();
  private readonly queue: QueuedPage[] = [];
  private head = 0;

  constructor(private readonly capacity: number) {}

  add(url: string, depth: number): void {
    if (this.seen.has(url) || this.seen.size >= this.capacity) return;
    this.seen.add(url);
    this.queue.push({ url, depth });
  }

  has(url: string): boolean {
    return this.seen.has(url);
  }

  /** Marks a URL reached by a redirect as seen, so a link to it is not crawled again. */
  claim(url: string): void {
    this.seen.add(url);
  }

  next(): QueuedPage | undefined {
    return this.queue[this.head++];
  }
}

class SkipLog {
  readonly entries: CrawlReport['skipped'] = [];

  add(url: string, reason: string): void {
    if (this.entries.length < MAX_SKIPPED_REPORTED) this.entries.push({ url, reason });
  }
}

/** RFC 9309 §2.3.1: missing (4xx) allows everything; unreachable (5xx, network) nothing. */
async function loadRobots(
  ctx: FetchContext,
  origin: string,
): Promise<{ rules: RobotsRules; unreachable: string | null }> {
  const outcome = await fetchResource(ctx, {
    url: `${origin}/robots.txt`,
    accept: 'text/plain,*/*;q=0.1',
    maxBytes: MAX_ROBOTS_BYTES,
    truncate: true,
    crossOriginRedirects: true,
  });
  if (outcome.ok)
    return {
      rules: parseRobotsTxt(outcome.body.toString('utf8'), ctx.userAgent),
      unreachable: null,
    };
  if (outcome.status !== null && outcome.status >= 400 && outcome.status < 500)
    return { rules: ALLOW_ALL, unreachable: null };
  return {
    rules: DISALLOW_ALL,
    unreachable: outcome.reason.startsWith('refused:')
      ? outcome.reason
      : `robots.txt could not be read (${outcome.reason}), so the site may not be crawled`,
  };
}

/** Page URLs from the given sitemap, else robots.txt's, else /sitemap.xml if there is one. */
async function sitemapPages(
  ctx: FetchContext,
  origin: string,
  given: string | null,
  robots: RobotsRules,
  skip: SkipLog,
  limit: number,
): Promise<string[]> {
  const fromRobots = robots.sitemaps
    .map((url) => normalizeUrl(url))
    .filter((url): url is string => url !== null && originOf(url) === origin);
  const explicit = given ? normalizeUrl(given) : null;
  const pending = explicit
    ? [explicit]
    : fromRobots.length
      ? fromRobots
      : [`${origin}/sitemap.xml`];
  const reportMissing = explicit !== null || fromRobots.length > 0;
  const visited = new Set<string>();
  const pages: string[] = [];
  while (pending.length > 0 && visited.size < MAX_SITEMAP_FILES && pages.length < limit) {
    const url = pending.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    const outcome = await fetchResource(ctx, {
      url,
      accept: 'application/xml,text/xml;q=0.9,*/*;q=0.1',
      maxBytes: MAX_SITEMAP_BYTES,
      crossOriginRedirects: true,
    });
    if (!outcome.ok) {
      if (reportMissing) skip.add(url, `sitemap ${outcome.reason}`);
      continue;
    }
    const sitemap = parseSitemap(outcome.body);
    for (const child of sitemap.sitemaps) {
      const normalized = normalizeUrl(child, url);
      if (normalized) pending.push(normalized);
    }
    for (const page of sitemap.pages) {
      const normalized = normalizeUrl(page, url);
      if (normalized) pages.push(normalized);
    }
  }
  return pages.slice(0, limit);
}

/**
 * Crawls a website breadth-first from `startUrl` (and its sitemap), staying on the start URL's
 * origin and honouring robots.txt, yielding each HTML page as it is fetched. Limits: `maxPages`
 * pages yielded, `maxDepth` links from a seed, `maxPageBytes` per page, `timeoutMs` per request.
 * Whatever could not be crawled is in the returned report with its reason.
 */
export async function* crawlWebsite(
  options: CrawlOptions,
): AsyncGenerator<CrawledPage, CrawlReport> {
  const start = normalizeUrl(options.startUrl);
  if (!start) throw new Error(`not an http(s) URL: ${options.startUrl}`);
  const origin = originOf(start);
  const ctx: FetchContext = {
    fetch: options.fetch ?? publicOnlyFetch,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: options.signal,
  };
  const maxPageBytes = options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const token = productTokenOf(ctx.userAgent);
  const skip = new SkipLog();
  const report = (pages: number): CrawlReport => ({ pages, skipped: skip.entries });
  if (options.maxPages <= 0) return report(0);

  const robots = await loadRobots(ctx, origin);
  if (robots.unreachable) {
    skip.add(start, robots.unreachable);
    return report(0);
  }
  // Room for what robots.txt, redirects and errors take out, without holding a whole site.
  const frontier = new Frontier(Math.max(options.maxPages * 20, 1_000));
  frontier.add(start, 0);
  const seeds = await sitemapPages(
    ctx,
    origin,
    options.sitemapUrl,
    robots.rules,
    skip,
    options.maxPages * 5,
  );
  for (const url of seeds) {
    if (originOf(url) === origin) frontier.add(url, 0);
    else skip.add(url, `listed in the sitemap but not on ${origin}`);
  }

  let pages = 0;
  for (let next = frontier.next(); next && pages < options.maxPages; next = frontier.next()) {
    ctx.signal?.throwIfAborted();
    if (!robots.rules.isAllowed(robotsPathOf(next.url))) {
      skip.add(next.url, 'disallowed by robots.txt');
      continue;
    }
    const outcome = await fetchResource(ctx, {
      url: next.url,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
      maxBytes: maxPageBytes,
      crossOriginRedirects: false,
      refuseRedirect: (target) => {
        if (!robots.rules.isAllowed(robotsPathOf(target)))
          return `redirects to ${target}, disallowed by robots.txt`;
        if (frontier.has(target)) return `redirects to ${target}, crawled on its own`;
        return null;
      },
      refuseContentType: (type) =>
        type === '' || isHtmlContentType(type) ? null : `not an HTML page (${type})`,
    });
    if (!outcome.ok) {
      skip.add(next.url, outcome.reason);
      continue;
    }
    // The redirect target was checked before it was requested; from now on it counts as seen.
    if (outcome.url !== next.url) frontier.claim(outcome.url);
    if (outcome.contentType === '' && !looksLikeHtml(outcome.body)) {
      skip.add(outcome.url, 'not an HTML page (no content type)');
      continue;
    }
    const html = decodeHtml(outcome.body, outcome.headers);
    const page = readPage(html, outcome.url, token, outcome.headers.get('x-robots-tag'));
    if (next.depth < options.maxDepth && !page.nofollow) {
      for (const link of page.links)
        if (originOf(link) === origin) frontier.add(link, next.depth + 1);
    }
    if (page.noindex) {
      skip.add(outcome.url, 'the page asks not to be indexed (robots noindex)');
      continue;
    }
    pages++;
    yield { url: outcome.url, title: page.title, html, depth: next.depth };
  }
  return report(pages);
}
