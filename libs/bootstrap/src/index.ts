export * from './service-entry';
export * from './platform.module';
export * from './create-service-app';
export * from './run-service';
