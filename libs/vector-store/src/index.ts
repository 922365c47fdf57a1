export * from './vector-store-connection.factory';
export * from './vector-store.module';
export * from './vector-store.port';
