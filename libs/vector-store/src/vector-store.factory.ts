import { LanceDbVectorStore } from './lancedb/lancedb-vector-store';
import { MilvusVectorStore } from './milvus/milvus-vector-store';
import type { VectorStoreConnection } from './vector-store-connection.factory';
import type { VectorStore } from './vector-store.port';

/** The knowledge store over whichever engine the deployment connected to. */
export function createVectorStore(connection: VectorStoreConnection): VectorStore {
  return connection.kind === 'lancedb'
    ? new LanceDbVectorStore(connection.db)
    : new MilvusVectorStore(connection.client);
}
