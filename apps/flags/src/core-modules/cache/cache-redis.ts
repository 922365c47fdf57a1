/** The flags service's Redis connection for its evaluation cache, separate from the platform's. */
export const CACHE_REDIS = Symbol('FLAGS_CACHE_REDIS');
