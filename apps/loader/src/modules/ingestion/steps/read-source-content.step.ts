import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { IngestFailure } from '../ingestion.exception';
import { DocumentReader } from '../reading/document-reader';
import type { ChunkingSettings, SourceContent } from '../reading/source-content';
import { WebsiteReader } from '../reading/website-reader';
import type { IngestSourceCommand } from '../usecases/ingest-source/ingest-source.command';
import type { IngestRun } from './ingest-run';

/** Progress when a document has been read and chunked; indexing fills the rest up to 99. */
export const DOCUMENT_READ_DONE = 15;
/** A crawl takes most of a website's time; its pages arrive over it. */
export const WEBSITE_READ_DONE = 50;

/**
 * From a source to its chunks: the uploaded document read, extracted, cleaned and chunked, or the
 * website crawled, reporting the read's share of the progress as it goes.
 */
@Injectable()
export class ReadSourceContent {
  readonly chunking: ChunkingSettings;

  constructor(
    private readonly documents: DocumentReader,
    private readonly websites: WebsiteReader,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.chunking = {
      maxTokens: config.loader.chunkTokens,
      overlapTokens: config.loader.chunkOverlapTokens,
    };
  }

  read(run: IngestRun): Promise<SourceContent> {
    const { command, progress } = run;
    if (command.kind === 'website') {
      if (!command.website)
        throw new IngestFailure('crawl_failed', 'the source has no website to crawl');
      return this.websites.read(command.website, this.chunking, (fraction) =>
        progress.report({ progress: 1 + (WEBSITE_READ_DONE - 1) * fraction }),
      );
    }
    if (!command.document) {
      throw new IngestFailure('missing_file', 'the source has no uploaded file to process');
    }
    return this.documents.read(run.scope, command.document, this.chunking, (fraction) =>
      progress.report({ progress: 1 + (DOCUMENT_READ_DONE - 1) * fraction }),
    );
  }

  /** Metrics label of the source before it is read: the format, as far as the type tells. */
  typeOf(command: IngestSourceCommand): string {
    if (command.kind === 'website') return 'website';
    try {
      return command.document ? this.documents.formatOf(command.document) : 'unknown';
    } catch {
      return 'unknown';
    }
  }
}
