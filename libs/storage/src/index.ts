export * from './file-storage.port';
export * from './storage-key';
export * from './local-file-storage';
export * from './s3-file-storage';
export * from './storage.factory';
export * from './storage.module';
export * from './storage-url';
