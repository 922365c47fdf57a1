/**
 * The one spelling of a URL the crawler uses to dedupe: resolved against `base`, http(s) only,
 * without fragment, credentials or `utm_*` tracking parameters. Null for anything else
 * (mailto:, javascript:, malformed).
 */
export function normalizeUrl(href: string, base?: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const tracking = [...url.searchParams.keys()].filter((name) => /^utm_/i.test(name));
  // Only rewritten when needed: re-serialising a query can change how it is encoded.
  for (const name of tracking) url.searchParams.delete(name);
  if (url.search === '?') url.search = '';
  return url.href;
}

export const originOf = (url: string): string => new URL(url).origin;

/** Path and query, which robots.txt rules are matched against. */
export const robotsPathOf = (url: string): string => {
  const { pathname, search } = new URL(url);
  return `${pathname}${search}`;
};
