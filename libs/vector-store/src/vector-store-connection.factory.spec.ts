import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkVectorStore,
  closeVectorStore,
  connectVectorStore,
} from './vector-store-connection.factory';

describe('vector store connection', () => {
  it('opens an embedded LanceDB directory that stores and finds vectors', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cxgenie-lance-'));
    const connection = await connectVectorStore({
      kind: 'lancedb',
      dataDir: join(dataDir, 'vectors'),
    });
    try {
      await expect(checkVectorStore(connection)).resolves.toBeUndefined();
      if (connection.kind !== 'lancedb') throw new Error('expected lancedb');
      const table = await connection.db.createTable('probe', [
        { id: 'a', vector: [1, 0, 0] },
        { id: 'b', vector: [0, 1, 0] },
      ]);
      const [nearest] = await table.vectorSearch([0.9, 0.1, 0]).limit(1).toArray();
      expect(nearest.id).toBe('a');
      expect(await connection.db.tableNames()).toEqual(['probe']);
    } finally {
      await closeVectorStore(connection);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a Milvus that cannot be reached as not ready', async () => {
    const connection = await connectVectorStore({
      kind: 'milvus',
      address: '127.0.0.1:1',
      token: null,
    });
    await expect(checkVectorStore(connection)).rejects.toThrow();
    await closeVectorStore(connection);
  });
});
