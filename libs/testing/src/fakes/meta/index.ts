export * from './fake-graph-api.server';
export * from './graph-errors';
export * from './meta-webhook-signing';
