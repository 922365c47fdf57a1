import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
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

  static forRoot(target: VectorStoreTarget): DynamicModule {
    return {
      module: VectorStoreModule,
      global: true,
      providers: [
        { provide: VECTOR_STORE_CONNECTION, useFactory: () => connectVectorStore(target) },
        {
          provide: VECTOR_STORE,
          useFactory: (connection: VectorStoreConnection) => createVectorStore(connection),
          inject: [VECTOR_STORE_CONNECTION],
        },
      ],
      exports: [VECTOR_STORE_CONNECTION, VECTOR_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeVectorStore(this.connection);
  }
}
