export * from './clickhouse-client.factory';
export * from './clickhouse.module';
