import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';

export interface ParsedSitemap {
  /** Child sitemaps of a sitemap index. */
  sitemaps: string[];
  /** Pages of a urlset. */
  pages: string[];
}

/** The sitemaps protocol caps one sitemap at 50 MB uncompressed. */
export const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

/** A sitemap or sitemap index (plain or gzipped XML); anything else yields nothing. */
export function parseSitemap(body: Buffer): ParsedSitemap {
  let xml = body;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      xml = gunzipSync(body, { maxOutputLength: MAX_SITEMAP_BYTES });
    } catch {
      return { sitemaps: [], pages: [] };
    }
  }
  const $ = load(xml.toString('utf8'), { xml: true });
  const locs = (selector: string) =>
    $(selector)
      .map((_, element) => $(element).text().trim())
      .get()
      .filter((loc) => loc.length > 0);
  return { sitemaps: locs('sitemapindex > sitemap > loc'), pages: locs('urlset > url > loc') };
}
