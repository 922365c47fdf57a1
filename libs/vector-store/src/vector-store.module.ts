import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  type VectorStoreConnection,
  type VectorStoreTarget,
  closeVectorStore,
  connectVectorStore,
} from './vector-store-connection.factory';

export const VECTOR_STORE_CONNECTION = Symbol('VECTOR_STORE_CONNECTION');

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
      ],
      exports: [VECTOR_STORE_CONNECTION],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeVectorStore(this.connection);
  }
}
