/**
 * Service-to-service calls to internal routes (core-ai's API, integration's channel connect)
 * carry the shared `SERVICE_TOKEN` in this header; a call without it is refused with 401.
 */
export const SERVICE_TOKEN_HEADER = 'x-service-token';
