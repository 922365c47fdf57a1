import { load } from 'cheerio';
import { normalizeUrl } from './crawl-url';

export interface PageContent {
  title: string;
  /** Normalised, deduplicated, in document order; any origin (the crawler filters). */
  links: string[];
  noindex: boolean;
  nofollow: boolean;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export const isHtmlContentType = (contentType: string): boolean => HTML_TYPES.has(contentType);

/** For a response without a Content-Type: does the start of the body look like HTML? */
export const looksLikeHtml = (body: Buffer): boolean =>
  /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])/i.test(
    body.subarray(0, 1024).toString('latin1'),
  );

/** The charset the server declared, else the one a <meta> declares, else UTF-8. */
export function decodeHtml(body: Buffer, headers: Headers): string {
  const declared =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(headers.get('content-type') ?? '')?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(body.subarray(0, 1024).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(body);
  } catch {
    // An unknown label: UTF-8 is the web's default.
    return new TextDecoder('utf-8').decode(body);
  }
}

/** Robots directives that apply to us: generic `robots` ones and ones naming our token. */
function robotsDirectives($: ReturnType<typeof load>, token: string, header: string | null) {
  const values = [header ?? ''];
  $('meta[name]').each((_, element) => {
    const name = ($(element).attr('name') ?? '').toLowerCase();
    if (name === 'robots' || name === token) values.push($(element).attr('content') ?? '');
  });
  const directives = values.join(',').toLowerCase();
  const has = (word: string) => new RegExp(`(^|[\\s,])${word}($|[\\s,])`).test(directives);
  return { noindex: has('noindex') || has('none'), nofollow: has('nofollow') || has('none') };
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** What the crawler needs of a page: its title, its links, and whether it may be indexed. */
export function readPage(
  html: string,
  url: string,
  productToken: string,
  robotsHeader: string | null,
): PageContent {
  const $ = load(html);
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref && normalizeUrl(baseHref, url)) || url;
  const links = new Set<string>();
  $('a[href], area[href]').each((_, element) => {
    const rel = ($(element).attr('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('nofollow')) return;
    const link = normalizeUrl($(element).attr('href') ?? '', base);
    if (link) links.add(link);
  });
  $('frame[src]').each((_, element) => {
    const link = normalizeUrl($(element).attr('src') ?? '', base);
    if (link) links.add(link);
  });
  const title =
    collapse($('title').first().text()) ||
    collapse($('meta[property="og:title"]').attr('content') ?? '') ||
    collapse($('h1').first().text()) ||
    url;
  return { title, links: [...links], ...robotsDirectives($, productToken, robotsHeader) };
}
