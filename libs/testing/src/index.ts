export * from './test-env';
export * from './eventually';
export * from './log-capture';
export * from './boot-service';
export * from './redis-server';
export * from './service-health.suite';
export * from './seed/conversations.seed';
export * from './query-counter';
