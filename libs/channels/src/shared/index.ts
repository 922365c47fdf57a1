export * from './split-text';
export * from './retry-after';
export * from './signature';
export * from './webhook-payload';
export * from './send-parts';
export * from './secret-box';
export * from './channel-schemas';
