import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LoaderIngestJobData } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { type FileStorage, STORAGE, StorageObjectNotFoundError } from '@cxgenie/storage';
import { LoaderMetrics } from '../../../core-modules/metrics/loader-metrics';
import { chunkPages } from '../chunking/chunk-pages';
import { cleanDocument } from '../cleaning/clean-document';
import { type DocumentFormat, formatOfMimeType } from '../extraction/document-format';
import { extractDocument } from '../extraction/extract-document';
import type { ExtractedPage, ExtractionLimits } from '../extraction/extracted-document';
import { IngestFailure } from '../ingestion.exception';
import { prepareChunk } from '../indexing/prepared-chunk';
import { titleFromFilename } from './document-title';
import { type EarlierExtraction, IdenticalUploads } from './identical-uploads';
import {
  type ChunkingSettings,
  type ReadProgress,
  type SourceContent,
  pipelineKey,
} from './source-content';

export type UploadedDocument = NonNullable<LoaderIngestJobData['document']>;

/** Injection token of the extraction limits (tests narrow them). */
export const EXTRACTION_LIMITS = Symbol('EXTRACTION_LIMITS');

/**
 * An uploaded file from storage to chunks: download, extract, clean, chunk. A file identical to
 * one already processed in the workspace takes that one's chunks instead.
 */
@Injectable()
export class DocumentReader {
  private readonly logger = new Logger(DocumentReader.name);

  constructor(
    @Inject(STORAGE) private readonly storage: FileStorage,
    private readonly identical: IdenticalUploads,
    private readonly metrics: LoaderMetrics,
    @Inject(EXTRACTION_LIMITS) private readonly limits: ExtractionLimits,
  ) {}

  /** The format a document is read as; fails for types the loader cannot read. */
  formatOf(document: UploadedDocument): DocumentFormat {
    return formatOfMimeType(document.mimeType);
  }

  async read(
    scope: TenantScope,
    document: UploadedDocument,
    settings: ChunkingSettings,
    progress: ReadProgress,
  ): Promise<SourceContent> {
    const format = this.formatOf(document);
    const bytes = await this.metrics.time('download', () => this.download(document));
    await progress(0.2);
    const earlier = await this.identical.find(scope, {
      documentId: document.documentId,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      pipeline: pipelineKey(settings),
    });
    if (earlier) {
      this.logger.log(`${document.filename}: same file as an earlier upload, its chunks reused`);
      return fromEarlier(document, format, earlier);
    }
    const extracted = await this.metrics.time('extract', () =>
      extractDocument(bytes, format, this.limits),
    );
    await progress(0.7);
    const pages = await this.metrics.time('clean', async () => cleanDocument(extracted));
    assertHasText(pages, format);
    const chunks = await this.metrics.time('chunk', async () => chunkPages(pages, settings));
    const title = extracted.title || titleFromFilename(document.filename);
    return {
      type: format,
      pages: extracted.pageCount ?? 1,
      chunks: chunks.map((chunk) =>
        prepareChunk({
          position: chunk.position,
          text: chunk.text,
          headingPath: chunk.headingPath,
          tokenCount: chunk.tokenCount,
          title,
          documentId: document.documentId,
          page: chunk.page,
          url: null,
        }),
      ),
    };
  }

  private async download(document: UploadedDocument): Promise<Buffer> {
    if (document.sizeBytes === 0) throw new IngestFailure('empty', 'the file is empty');
    try {
      return await this.storage.get(document.storageKey);
    } catch (error) {
      if (error instanceof StorageObjectNotFoundError) {
        throw new IngestFailure(
          'missing_file',
          'the uploaded file is no longer in storage: upload it again',
        );
      }
      throw error;
    }
  }
}

function fromEarlier(
  document: UploadedDocument,
  format: DocumentFormat,
  earlier: EarlierExtraction,
): SourceContent {
  const title = earlier.contentTitle ?? titleFromFilename(document.filename);
  return {
    type: format,
    pages: earlier.pages,
    chunks: earlier.chunks.map((chunk) =>
      prepareChunk({ ...chunk, title, documentId: document.documentId, url: null }),
    ),
  };
}

function assertHasText(pages: readonly ExtractedPage[], format: DocumentFormat): void {
  if (pages.some((page) => page.text.trim() !== '')) return;
  if (format === 'pdf') {
    throw new IngestFailure('no_text', 'no extractable text — scanned PDF? OCR is not supported');
  }
  throw new IngestFailure('empty', 'the document contains no text');
}
