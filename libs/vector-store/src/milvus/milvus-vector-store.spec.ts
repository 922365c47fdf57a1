import { randomUUID } from 'node:crypto';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { type FakeMilvus, startFakeMilvus } from '../../../testing/src/fakes/milvus';
import { spaceCollectionName } from '../space-collection-name';
import { closeVectorStore, connectVectorStore } from '../vector-store-connection.factory';
import { describeVectorStoreBehaviour } from '../vector-store.suite';
import { MilvusOperationError, MilvusVectorStore } from './milvus-vector-store';

const connect = async (milvus: FakeMilvus) => {
  const connection = await connectVectorStore({
    kind: 'milvus',
    address: milvus.address,
    token: null,
  });
  if (connection.kind !== 'milvus') throw new Error('expected a Milvus connection');
  return connection;
};

describe('MilvusVectorStore', () => {
  describe('behaves as a VectorStore (real SDK, fake Milvus server)', () => {
    let milvus: FakeMilvus;
    describeVectorStoreBehaviour(async () => {
      milvus = await startFakeMilvus();
      const connection = await connect(milvus);
      return {
        store: new MilvusVectorStore(connection.client),
        close: async () => {
          await closeVectorStore(connection);
          await milvus.stop();
        },
      };
    });

    afterAll(() => {
      // Every RPC the adapter made must be one the fake really serves, or the suite proved nothing.
      expect(milvus.unimplementedCalls()).toEqual([]);
    });
  });

  describe('collections', () => {
    let milvus: FakeMilvus;
    let client: MilvusClient;
    const space = { model: 'openai/text-embedding-3-large', dimensions: 3072 };

    beforeEach(async () => {
      milvus = await startFakeMilvus();
      client = (await connect(milvus)).client;
    });
    afterEach(async () => {
      await client.closeConnection();
      await milvus.stop();
    });

    it('creates one loaded collection per space: partition key, cosine index, bounded reads', async () => {
      await new MilvusVectorStore(client).ensureSpace(space);

      const [collection] = milvus.collections();
      expect(collection).toMatchObject({
        name: spaceCollectionName(space),
        partitionKey: 'partition',
        consistencyLevel: 'Bounded',
        loadState: 'LoadStateLoaded',
      });
      expect(collection.fields.map((field) => [field.name, field.dataType])).toEqual([
        ['id', 'VarChar'],
        ['workspace_id', 'VarChar'],
        ['bot_id', 'VarChar'],
        ['partition', 'VarChar'],
        ['source_id', 'VarChar'],
        ['document_id', 'VarChar'],
        ['chunk_hash', 'VarChar'],
        ['title', 'VarChar'],
        ['heading_path', 'VarChar'],
        ['position', 'Int64'],
        ['text', 'VarChar'],
        ['token_count', 'Int64'],
        ['created_at', 'Int64'],
        ['updated_at', 'Int64'],
        ['vector', 'FloatVector'],
      ]);
      expect(collection.fields.find((field) => field.isPrimaryKey)?.name).toBe('id');
      expect(collection.fields.find((field) => field.name === 'vector')?.dim).toBe(3072);
      expect(collection.fields.find((field) => field.name === 'text')?.maxLength).toBe(65_535);
      expect(collection.indexes).toEqual(
        expect.arrayContaining([
          {
            indexName: 'vector_idx',
            fieldName: 'vector',
            params: { index_type: 'AUTOINDEX', metric_type: 'COSINE' },
          },
          expect.objectContaining({ fieldName: 'bot_id', params: { index_type: 'AUTOINDEX' } }),
          expect.objectContaining({ fieldName: 'source_id', params: { index_type: 'AUTOINDEX' } }),
        ]),
      );
    });

    it('prepares a space once per process and adopts a collection another process created', async () => {
      const first = new MilvusVectorStore(client);
      await Promise.all([first.ensureSpace(space), first.ensureSpace(space)]);
      await first.ensureSpace(space);
      const second = new MilvusVectorStore(client);
      await second.ensureSpace(space);

      const calls = milvus.calls();
      expect(calls.filter((call) => call === 'CreateCollection')).toHaveLength(1);
      expect(calls.filter((call) => call === 'CreateIndex')).toHaveLength(3);
      expect(calls.filter((call) => call === 'LoadCollection')).toHaveLength(1);
      expect(milvus.collections()).toHaveLength(1);
    });

    it('spreads a bot partition over the partition key buckets Milvus hashes it to', async () => {
      const store = new MilvusVectorStore(client);
      const small = { model: 'local/test', dimensions: 2 };
      const scope = { workspaceId: randomUUID(), botId: randomUUID() };
      const base = {
        ...scope,
        sourceId: randomUUID(),
        documentId: null,
        chunkHash: 'c',
        title: '',
        headingPath: '',
        position: 0,
        text: 't',
        tokenCount: 1,
        createdAt: 1,
        updatedAt: 1,
        vector: [1, 0],
      };
      await store.upsert(small, [
        { ...base, id: randomUUID(), partition: 'faqs' },
        { ...base, id: randomUUID(), partition: 'faqs' },
        { ...base, id: randomUUID(), partition: 'websites' },
      ]);
      const rows = milvus.collections()[0].rows;
      const bucketOf = (partition: string) =>
        new Set(rows.filter((row) => row.partition === partition).map((row) => row.$partition));
      expect(bucketOf('faqs').size).toBe(1);
      expect(rows.every((row) => row.document_id === '')).toBe(true);
    });

    it('builds an HNSW index with explicit parameters when asked to', async () => {
      const store = new MilvusVectorStore(client, { indexType: 'HNSW' });
      await store.ensureSpace(space);
      const [collection] = milvus.collections();
      expect(collection.indexes.map((index) => index.params)).toEqual([
        {
          index_type: 'HNSW',
          metric_type: 'COSINE',
          params: JSON.stringify({ M: 16, efConstruction: 200 }),
        },
        { index_type: 'INVERTED' },
        { index_type: 'INVERTED' },
      ]);
    });

    it('fails loudly when an existing collection of the space has another dimension', async () => {
      const name = spaceCollectionName(space);
      await client.createCollection({
        collection_name: name,
        fields: [
          { name: 'id', data_type: 'VarChar', max_length: 36, is_primary_key: true },
          { name: 'vector', data_type: 'FloatVector', dim: 8 },
        ],
      });
      await expect(new MilvusVectorStore(client).ensureSpace(space)).rejects.toThrow(
        MilvusOperationError,
      );
    });
  });
});
