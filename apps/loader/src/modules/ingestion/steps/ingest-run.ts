import type { TenantScope } from '@cxgenie/database';
import type { SourceRef } from '../indexing/indexed-chunks.repository';
import type { SourceProgress } from '../progress/source-progress';
import type { IngestSourceCommand } from '../usecases/ingest-source/ingest-source.command';

/** One run of IngestSource over one source, as its steps see it. */
export interface IngestRun {
  startedAt: number;
  command: IngestSourceCommand;
  scope: TenantScope;
  ref: SourceRef;
  progress: SourceProgress;
  /** Metrics label of the source before it is read (ReadSourceContent.typeOf). */
  type: string;
}
