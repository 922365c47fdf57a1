import type { FakeMilvus, FakeMilvusOptions } from './fake-milvus.server';

export type { FakeMilvus, FakeMilvusCollectionView, FakeMilvusOptions } from './fake-milvus.server';

/**
 * Starts an in-memory Milvus on 127.0.0.1 (ephemeral port) that the real `MilvusClient` talks to.
 * gRPC and the ~600 kB protocol descriptors load on first use (~250 ms), so importing the testing
 * lib stays cheap for the suites that never start one; hence require() rather than an import.
 */
export function startFakeMilvus(options: FakeMilvusOptions = {}): Promise<FakeMilvus> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const server = require('./fake-milvus.server') as typeof import('./fake-milvus.server');
  return server.startFakeMilvusServer(options);
}
