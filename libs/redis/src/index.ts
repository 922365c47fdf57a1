export * from './redis-client.factory';
export * from './redis.tokens';
export * from './redis.module';
export * from './redis-readiness.check';
export * from './locks/redis-locks';
export * from './locks/lock-keeper';
