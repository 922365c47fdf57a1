/** An embeddings request that failed for good (after any retries), with the HTTP status if any. */
export class EmbeddingRequestError extends Error {
  constructor(
    message: string,
    /** HTTP status from the provider; null for connection failures and bad responses. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'EmbeddingRequestError';
  }
}
