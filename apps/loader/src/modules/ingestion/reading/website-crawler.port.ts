import type { crawlWebsite } from '../../crawling';

/**
 * The crawler (modules/crawling): yields pages as they are fetched and returns its report of
 * what it skipped and why. Injected so the composition root decides how it fetches.
 */
export type CrawlWebsite = typeof crawlWebsite;

export const WEBSITE_CRAWLER = Symbol('WEBSITE_CRAWLER');
