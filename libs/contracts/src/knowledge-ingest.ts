import type { KnowledgeSourceStatus } from './domain';
import type { TracedJobData } from './tracing';

/** `loader.ingest`: one knowledge source (an uploaded file, or a website) to (re)process. */
export interface LoaderIngestJobData extends TracedJobData {
  workspaceId: string;
  botId: string;
  sourceId: string;
  kind: 'document' | 'website';
  /**
   * Why the job exists. A re-process or re-crawl reuses every embedding it can; `delete` removes
   * the source's vectors, chunks and stored file after the source was deleted in the dashboard.
   */
  reason: 'created' | 'reprocess' | 'recrawl' | 'delete';
  /** `kind: 'document'`: the stored upload (its bytes are behind the storage port). */
  document?: {
    documentId: string;
    storageKey: string;
    filename: string;
    /** Detected from the content at intake, not taken from the extension. */
    mimeType: string;
    sizeBytes: number;
  };
  /** `kind: 'website'`. */
  website?: {
    startUrl: string;
    sitemapUrl: string | null;
    maxPages: number;
    maxDepth: number;
  };
}

/** Counters of one source's processing, stored on the source and shown in the dashboard. */
export interface KnowledgeSourceStats {
  pages: number;
  chunks: number;
  /** Chunks whose embedding was computed by this run. */
  embedded: number;
  /** Chunks whose embedding was reused (same normalized text already embedded). */
  reused: number;
}

/**
 * Progress of a source, broadcast by the loader to the workspace's dashboard sockets as
 * `ServerEvents.KnowledgeSourceProgress`.
 */
export interface KnowledgeSourceProgressEvent {
  workspaceId: string;
  botId: string;
  sourceId: string;
  status: KnowledgeSourceStatus;
  /** 0–100, never decreasing within one run. */
  progress: number;
  stats: KnowledgeSourceStats;
  /** Human-readable reason when `status` is `failed`. */
  error: string | null;
  updatedAt: string;
}
