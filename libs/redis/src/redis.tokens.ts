/** The service's shared command connection (cache, locks, rate limits). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
