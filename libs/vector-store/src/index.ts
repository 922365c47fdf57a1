export * from './vector-store-connection.factory';
export * from './vector-store.module';
