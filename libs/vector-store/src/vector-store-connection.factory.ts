import { mkdirSync } from 'node:fs';
import * as lancedb from '@lancedb/lancedb';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';

export type VectorStoreTarget =
  | { kind: 'lancedb'; dataDir: string }
  | { kind: 'milvus'; address: string; token: string | null };

/** The open connection to whichever vector engine the deployment uses. */
export type VectorStoreConnection =
  | { kind: 'lancedb'; db: lancedb.Connection }
  | { kind: 'milvus'; client: MilvusClient };

/**
 * LanceDB (embedded, files under DATA_DIR) is the default so a laptop needs no vector server;
 * Milvus/Zilliz is the production engine. The search adapters over both come with core-ai.
 */
export async function connectVectorStore(
  target: VectorStoreTarget,
): Promise<VectorStoreConnection> {
  if (target.kind === 'lancedb') {
    mkdirSync(target.dataDir, { recursive: true });
    // loader writes and core-ai reads the same directory from two processes: every read checks
    // for a newer table version (a stat on local disk) so answers never miss fresh knowledge.
    const db = await lancedb.connect(target.dataDir, { readConsistencyInterval: 0 });
    return { kind: 'lancedb', db };
  }
  const client = new MilvusClient({
    address: target.address,
    token: target.token ?? undefined,
    timeout: 5_000,
    // The SDK's own console logging would bypass our JSON logs; failures surface as errors instead.
    logLevel: 'error',
  });
  return { kind: 'milvus', client };
}

export async function checkVectorStore(connection: VectorStoreConnection): Promise<void> {
  if (connection.kind === 'lancedb') {
    await connection.db.tableNames();
    return;
  }
  const health = await connection.client.checkHealth();
  if (!health.isHealthy)
    throw new Error(`milvus is unhealthy: ${health.reasons.join(', ') || 'no reason given'}`);
}

export async function closeVectorStore(connection: VectorStoreConnection): Promise<void> {
  if (connection.kind === 'lancedb') connection.db.close();
  else await connection.client.closeConnection();
}
