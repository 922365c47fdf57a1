export interface CrawlOptions {
  /** The first page; the crawl stays on its origin (scheme, host and port). */
  startUrl: string;
  /** A sitemap (or sitemap index) to seed from; null looks in robots.txt, then /sitemap.xml. */
  sitemapUrl: string | null;
  /** Pages yielded at most. */
  maxPages: number;
  /** Links followed from a seed (the start URL and sitemap pages are depth 0). */
  maxDepth: number;
  /** Aborting stops the crawl: the generator throws the signal's reason. */
  signal?: AbortSignal;
  /**
   * How requests are made. The default refuses hosts that resolve to loopback, private or
   * link-local addresses (SSRF); tests of a local site pass the plain global `fetch`.
   */
  fetch?: typeof fetch;
  userAgent?: string;
  /** A page over this size is skipped (default 5 MB); reading stops at the limit. */
  maxPageBytes?: number;
  /** Per request, body included (default 15 s). */
  timeoutMs?: number;
}

export interface CrawledPage {
  /** After redirects. */
  url: string;
  title: string;
  html: string;
  depth: number;
}

export interface CrawlReport {
  pages: number;
  /** What was not crawled and why, in the order met (bounded). */
  skipped: { url: string; reason: string }[];
}

export const DEFAULT_USER_AGENT = 'CXGenieBot/1.0 (+https://github.com/cxgenie/cxgenie)';
export const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;
export const MAX_REDIRECTS = 5;
