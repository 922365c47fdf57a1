import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { KNOWLEDGE_CHANGES, type KnowledgeChangeFeed } from './changes/knowledge-changes';
import { NotifyingVectorStore } from './changes/notifying-vector-store';
import {
  type VectorStoreConnection,
  type VectorStoreTarget,
  closeVectorStore,
  connectVectorStore,
} from './vector-store-connection.factory';
import { createVectorStore } from './vector-store.factory';

export const VECTOR_STORE_CONNECTION = Symbol('VECTOR_STORE_CONNECTION');
/** The `VectorStore` port (LanceDB or Milvus adapter, per the connection). */
export const VECTOR_STORE = Symbol('VECTOR_STORE');

@Module({})
export class VectorStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(VECTOR_STORE_CONNECTION) private readonly connection: VectorStoreConnection,
  ) {}

  /**
   * `changes`: a provider of KNOWLEDGE_CHANGES; with it every write is announced on that feed
   * (and the feed is exported for the caches that listen).
   */
  static forRoot(target: VectorStoreTarget, changes?: Provider): DynamicModule {
    return {
      module: VectorStoreModule,
      global: true,
      providers: [
        { provide: VECTOR_STORE_CONNECTION, useFactory: () => connectVectorStore(target) },
        {
          provide: VECTOR_STORE,
          useFactory: (connection: VectorStoreConnection, feed?: KnowledgeChangeFeed) => {
            const store = createVectorStore(connection);
            return feed ? new NotifyingVectorStore(store, feed) : store;
          },
          inject: [VECTOR_STORE_CONNECTION, { token: KNOWLEDGE_CHANGES, optional: true }],
        },
        ...(changes ? [changes] : []),
      ],
      exports: [VECTOR_STORE_CONNECTION, VECTOR_STORE, ...(changes ? [KNOWLEDGE_CHANGES] : [])],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeVectorStore(this.connection);
  }
}
