/** Injection token for the process's validated `ServiceConfig`. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
