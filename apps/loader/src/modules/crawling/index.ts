export { crawlWebsite } from './crawl-website';
export type { CrawlOptions, CrawlReport, CrawledPage } from './crawl.types';
export { DEFAULT_MAX_PAGE_BYTES, DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT } from './crawl.types';
export {
  DEFAULT_CRAWL_PORTS,
  NonPublicAddressError,
  createPublicOnlyFetch,
  publicOnlyFetch,
} from './public-only-fetch';
