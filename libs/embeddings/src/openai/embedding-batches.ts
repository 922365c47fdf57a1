export interface BatchLimits {
  maxInputs: number;
  maxTokens: number;
}

/**
 * Groups inputs, in order, into requests of at most `maxInputs` inputs and `maxTokens` tokens in
 * total. Returns the input indexes of each request. An input larger than the token budget alone
 * gets a request of its own (it has been truncated to the model limit before this).
 */
export function planBatches(tokenCounts: readonly number[], limits: BatchLimits): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let currentTokens = 0;
  tokenCounts.forEach((tokens, index) => {
    const full = current.length === limits.maxInputs || currentTokens + tokens > limits.maxTokens;
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      currentTokens = 0;
    }
    current.push(index);
    currentTokens += tokens;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Runs `work` over every item with at most `limit` running at once. The first failure stops new
 * work from starting and is what the returned promise rejects with.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
