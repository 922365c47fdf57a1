export * from './clickhouse-bulk-insert';
export * from './clickhouse-client.factory';
export * from './clickhouse-migrator';
export * from './clickhouse.module';
