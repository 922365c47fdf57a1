import type { ServiceTopology } from '@cxgenie/contracts';
import type { ConfigProblem } from './config.error';

/** The raw variables that decide where state lives (unset: the development default). */
export type EmbeddedStateEnv = Partial<
  Record<'NODE_ENV' | 'SINGLE_NODE' | 'CLICKHOUSE_URL' | 'VECTOR_STORE' | 'STORAGE_DRIVER', string>
>;

interface EmbeddedStore {
  usedBy: (topology: ServiceTopology) => boolean;
  isEmbedded: (env: EmbeddedStateEnv) => boolean;
  problem: ConfigProblem;
}

const SINGLE_NODE_HINT = 'SINGLE_NODE=true allows it for a one-instance install';

/**
 * Stores that, left at their development default, keep shared state inside one process or on
 * one instance's disk: a second replica (or a rescheduled pod) would see other data, or none.
 */
const EMBEDDED_STORES: readonly EmbeddedStore[] = [
  {
    usedBy: (t) => t.clickhouse,
    isEmbedded: (env) => !env.CLICKHOUSE_URL,
    problem: {
      variable: 'CLICKHOUSE_URL',
      problem: `is required when NODE_ENV=production: without it analytics live in an embedded chdb on this instance's disk (${SINGLE_NODE_HINT})`,
    },
  },
  {
    usedBy: (t) => t.vectorStore,
    isEmbedded: (env) => (env.VECTOR_STORE ?? 'lancedb') === 'lancedb',
    problem: {
      variable: 'VECTOR_STORE',
      problem: `must be milvus when NODE_ENV=production: lancedb keeps knowledge vectors on this instance's disk (${SINGLE_NODE_HINT})`,
    },
  },
  {
    usedBy: (t) => t.files,
    isEmbedded: (env) => (env.STORAGE_DRIVER ?? 'local') === 'local',
    problem: {
      variable: 'STORAGE_DRIVER',
      problem: `must be s3 when NODE_ENV=production: local keeps uploaded files on this instance's disk (${SINGLE_NODE_HINT})`,
    },
  },
];

/** What a production service would keep to itself; nothing outside production or on one node. */
export function embeddedStateProblems(
  env: EmbeddedStateEnv,
  topology: ServiceTopology,
): ConfigProblem[] {
  if (env.NODE_ENV !== 'production' || env.SINGLE_NODE === 'true') return [];
  return EMBEDDED_STORES.filter((s) => s.usedBy(topology) && s.isEmbedded(env)).map(
    (s) => s.problem,
  );
}
