import type { KnowledgeSourceStats, LoaderIngestJobData } from '@cxgenie/contracts';

export interface IngestSourceCommand extends Omit<LoaderIngestJobData, 'reason'> {
  reason: Exclude<LoaderIngestJobData['reason'], 'delete'>;
  /**
   * No retry follows this attempt: an unexpected error must end the source `failed` now rather
   * than leave it `processing` for a retry that never comes.
   */
  finalAttempt: boolean;
}

export type IngestOutcome =
  | { status: 'ready'; stats: KnowledgeSourceStats; skipped: number }
  | { status: 'failed'; error: string }
  /** The source was deleted before or while it was processed; nothing of it is left indexed. */
  | { status: 'gone' };
