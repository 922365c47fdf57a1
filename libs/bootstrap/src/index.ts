export * from './service-entry';
export * from './platform.module';
export * from './create-service-app';
export * from './run-service';
export * from './http/api-error';
export * from './http/http-error.filter';
export * from './http/validation.pipe';
export * from './http/service-token.guard';
