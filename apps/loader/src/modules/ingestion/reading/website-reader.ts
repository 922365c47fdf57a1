import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LoaderIngestJobData } from '@cxgenie/contracts';
import { chunkText, htmlToStructuredText } from '@cxgenie/text-processing';
import { LoaderMetrics } from '../../../core-modules/metrics/loader-metrics';
import { cleanText } from '../cleaning/clean-text';
import { IngestFailure } from '../ingestion.exception';
import { type PreparedChunk, prepareChunk } from '../indexing/prepared-chunk';
import type { ChunkingSettings, ReadProgress, SourceContent } from './source-content';
import type { CrawlReport, CrawledPage } from '../../crawling';
import { type CrawlWebsite, WEBSITE_CRAWLER } from './website-crawler.port';

export type WebsiteTarget = NonNullable<LoaderIngestJobData['website']>;

/** HTML beyond this is not an article: a data dump or a generated page, skipped. */
const MAX_PAGE_HTML_CHARS = 5_000_000;

/**
 * A website crawl to chunks: each page's main content (navigation and page chrome removed) is
 * chunked on its own, titled by the page, so no chunk mixes two pages.
 */
@Injectable()
export class WebsiteReader {
  private readonly logger = new Logger(WebsiteReader.name);

  constructor(
    @Inject(WEBSITE_CRAWLER) private readonly crawl: CrawlWebsite,
    private readonly metrics: LoaderMetrics,
  ) {}

  async read(
    website: WebsiteTarget,
    settings: ChunkingSettings,
    progress: ReadProgress,
  ): Promise<SourceContent> {
    return this.metrics.time('crawl', async () => {
      const chunks: PreparedChunk[] = [];
      let pages = 0;
      const crawl = this.crawl({
        startUrl: website.startUrl,
        sitemapUrl: website.sitemapUrl,
        maxPages: website.maxPages,
        maxDepth: website.maxDepth,
      });
      let step = await nextPage(crawl);
      for (; !step.done; step = await nextPage(crawl)) {
        const pageChunks = this.chunkPage(step.value, settings, chunks.length);
        if (pageChunks.length === 0) continue;
        pages += 1;
        chunks.push(...pageChunks);
        await progress(Math.min(1, pages / Math.max(website.maxPages, 1)));
      }
      if (pages === 0) {
        throw new IngestFailure(
          'crawl_failed',
          `no readable page was found at ${website.startUrl}${describeSkipped(step.value)}`,
        );
      }
      return { type: 'website', pages, chunks };
    });
  }

  private chunkPage(
    page: CrawledPage,
    settings: ChunkingSettings,
    offset: number,
  ): PreparedChunk[] {
    if (page.html.length > MAX_PAGE_HTML_CHARS) {
      this.logger.warn(`skipped ${page.url}: ${page.html.length} characters of HTML`);
      return [];
    }
    const structured = htmlToStructuredText(page.html);
    const text = cleanText(structured.text, { keepIndentation: true });
    if (!text) return [];
    const title = page.title.trim() || structured.title || page.url;
    return chunkText(text, {
      maxTokens: settings.maxTokens,
      overlapTokens: settings.overlapTokens,
      headingAware: true,
    }).map((chunk) =>
      prepareChunk({
        position: offset + chunk.position,
        text: chunk.text,
        headingPath: chunk.headingPath,
        tokenCount: chunk.tokenCount,
        title,
        documentId: null,
        page: null,
        url: page.url,
      }),
    );
  }
}

/** A crawler error (an unusable start URL) is the customer's to fix, not a reason to retry. */
async function nextPage(
  crawl: AsyncGenerator<CrawledPage, CrawlReport>,
): Promise<IteratorResult<CrawledPage, CrawlReport>> {
  try {
    return await crawl.next();
  } catch (error) {
    throw new IngestFailure(
      'crawl_failed',
      `the website could not be crawled: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The first reasons the crawler gave for what it skipped, for the failure message. */
function describeSkipped(report: CrawlReport): string {
  const reasons = report.skipped.slice(0, 3).map(({ url, reason }) => `${url}: ${reason}`);
  return reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
}
