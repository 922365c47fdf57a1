import { GraphApiClient } from './graph-api.client';

/** The Graph API version the Meta adapters are written against. */
export const GRAPH_API_VERSION = 'v23.0';
export const DEFAULT_GRAPH_API_ROOT = 'https://graph.facebook.com';

/** How a Meta adapter reaches the Graph API: the real one by default, a local fake in tests. */
export interface MetaAdapterOptions {
  /** Graph API origin without a version (config `channels.metaGraphApiRoot`). */
  graphApiRoot?: string;
  /** Defaults to `GRAPH_API_VERSION`. */
  graphApiVersion?: string;
  /** Per-request timeout; a timed-out send is retried. */
  requestTimeoutMs?: number;
}

export function graphApiClientFor(options: MetaAdapterOptions): GraphApiClient {
  const root = (options.graphApiRoot ?? DEFAULT_GRAPH_API_ROOT).replace(/\/+$/, '');
  return new GraphApiClient({
    baseUrl: `${root}/${options.graphApiVersion ?? GRAPH_API_VERSION}`,
    timeoutMs: options.requestTimeoutMs,
  });
}
