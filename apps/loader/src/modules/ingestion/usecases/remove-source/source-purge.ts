import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { JobEmbeddings } from '../../../../core-modules/embeddings/job-embeddings';
import { IndexedChunksRepository, type SourceRef } from '../../indexing/indexed-chunks.repository';
import { SourceVectors } from '../../indexing/source-vectors';

/**
 * Takes a source out of search: its vectors in every embedding space it was indexed in, then its
 * chunk rows (which name those spaces, so they go last).
 */
@Injectable()
export class SourcePurge {
  constructor(
    private readonly rows: IndexedChunksRepository,
    private readonly vectors: SourceVectors,
    private readonly embeddings: JobEmbeddings,
  ) {}

  async vectorsAndChunks(scope: TenantScope, source: SourceRef): Promise<void> {
    const spaces = await this.rows.spaces(scope, source);
    await this.vectors.removeAll(this.embeddings.space, source, spaces);
    await this.rows.removeAll(scope, source);
  }
}
