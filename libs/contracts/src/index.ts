export * from './services';
export * from './tracing';
export * from './queues';
export * from './health';
export * from './domain';
export * from './conversation-pipeline';
export * from './realtime';
export * from './knowledge';
