import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsPublisherModule } from '@cxgenie/analytics';
import { QueuesModule } from '@cxgenie/bootstrap';
import { QueueNames } from '@cxgenie/contracts';
import type { ServiceConfig } from '@cxgenie/config';
import { createPublicOnlyFetch, crawlWebsite } from '../crawling';
import { TokenizerWarmup } from './chunking/tokenizer-warmup';
import { DEFAULT_EXTRACTION_LIMITS } from './extraction/extracted-document';
import { ChunkIndexer } from './indexing/chunk-indexer';
import { IndexedChunksRepository } from './indexing/indexed-chunks.repository';
import { SourceVectors } from './indexing/source-vectors';
import { LoaderIngestWorker } from './jobs/loader-ingest.worker';
import { ProgressPublisher } from './progress/progress-publisher';
import { DocumentReader, EXTRACTION_LIMITS } from './reading/document-reader';
import { IdenticalUploads } from './reading/identical-uploads';
import { type CrawlWebsite, WEBSITE_CRAWLER } from './reading/website-crawler.port';
import { WebsiteReader } from './reading/website-reader';
import { ReadSourceContent } from './steps/read-source-content.step';
import { RecordIngestionFacts } from './steps/record-ingestion-facts.step';
import { IngestSource } from './usecases/ingest-source/ingest-source.usecase';
import { RemoveSource } from './usecases/remove-source/remove-source.usecase';
import { SourcePurge } from './usecases/remove-source/source-purge';

export interface IngestionOptions {
  /**
   * How the crawler fetches. Default: its own fetch, which refuses hosts on loopback and private
   * networks and ports other than `CRAWL_ALLOWED_PORTS` (SSRF). Tests crawling a site on
   * 127.0.0.1 pass the plain `fetch`.
   */
  crawlFetch?: typeof fetch;
}

const crawlerWith =
  (fetcher: typeof fetch): CrawlWebsite =>
  (options) =>
    crawlWebsite({ fetch: fetcher, ...options });

/** Uploaded documents and websites into the vector store, with live progress. */
@Module({})
export class IngestionModule {
  static register(config: ServiceConfig, options: IngestionOptions = {}): DynamicModule {
    const fetcher =
      options.crawlFetch ??
      createPublicOnlyFetch({ allowedPorts: config.loader.crawlAllowedPorts });
    return {
      module: IngestionModule,
      imports: [
        QueuesModule.register([QueueNames.LoaderIngest, QueueNames.AnalyticsEvents]),
        AnalyticsPublisherModule,
      ],
      providers: [
        { provide: EXTRACTION_LIMITS, useValue: DEFAULT_EXTRACTION_LIMITS },
        { provide: WEBSITE_CRAWLER, useValue: crawlerWith(fetcher) },
        TokenizerWarmup,
        IdenticalUploads,
        DocumentReader,
        WebsiteReader,
        IndexedChunksRepository,
        SourceVectors,
        ChunkIndexer,
        ProgressPublisher,
        SourcePurge,
        ReadSourceContent,
        RecordIngestionFacts,
        IngestSource,
        RemoveSource,
        LoaderIngestWorker,
      ],
    };
  }
}
