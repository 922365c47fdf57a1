export * from './flags-client';
export * from './flags-client-stats';
export * from './flags-client.metrics';
export * from './flags-client.module';
export * from './evaluation-memory';
export * from './connect-flags-client';
