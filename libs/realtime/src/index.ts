export * from './realtime-broadcaster';
export * from './realtime.module';
