/** The process's embedding provider (local or OpenAI, behind the content-hash cache). */
export const EMBEDDING_PROVIDER = Symbol('EMBEDDING_PROVIDER');
