export * from './config.error';
export * from './service-config';
export * from './load-service-config';
export * from './config.tokens';
export * from './development-secrets';
export * from './embedded-state';
export {
  DEFAULT_CHUNK_OVERLAP_TOKENS,
  DEFAULT_CHUNK_TOKENS,
  platformEnvSchema,
} from './env-schema';
