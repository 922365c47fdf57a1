export * from './config.error';
export * from './service-config';
export * from './load-service-config';
export * from './config.tokens';
export { platformEnvSchema } from './env-schema';
