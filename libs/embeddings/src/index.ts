export * from './embedding-provider';
