/** USD per million tokens: prompt (`input`) and completion (`output`); embeddings have input only. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Keyed by `provider/model`; a key matches a model by prefix (`gpt-4o-mini` prices `gpt-4o-mini-2024-07-18`). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices when this table was written; a deployment sets its own in `LLM_PRICES` (merged over
 * these). The local providers cost nothing.
 */
export const DEFAULT_PRICE_TABLE: PriceTable = {
  'openai/gpt-4o-mini': { input: 0.15, output: 0.6 },
  'openai/gpt-4o': { input: 2.5, output: 10 },
  'openai/gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'openai/gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai/gpt-4.1': { input: 2, output: 8 },
  'openai/gpt-5-mini': { input: 0.25, output: 2 },
  'openai/gpt-5': { input: 1.25, output: 10 },
  'openai/text-embedding-3-small': { input: 0.02, output: 0 },
  'openai/text-embedding-3-large': { input: 0.13, output: 0 },
  'anthropic/claude-3-5-haiku': { input: 0.8, output: 4 },
  'anthropic/claude-haiku-4': { input: 1, output: 5 },
  'anthropic/claude-sonnet-4': { input: 3, output: 15 },
  'anthropic/claude-3-7-sonnet': { input: 3, output: 15 },
  'anthropic/claude-opus-4': { input: 15, output: 75 },
};

export interface PricedUsage {
  costUsd: number;
  /** False when no price is known for the model: the cost is 0, not a guess. */
  priced: boolean;
}

/** The price of one provider's model: the longest key that prefixes it wins. */
export function priceOf(table: PriceTable, provider: string, model: string): ModelPrice | null {
  if (provider === 'local') return { input: 0, output: 0 };
  const name = `${provider}/${model}`;
  let best: string | null = null;
  for (const key of Object.keys(table)) {
    if (name.startsWith(key) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? null : table[best]!;
}

export function costOf(
  table: PriceTable,
  usage: { provider: string; model: string; promptTokens: number; completionTokens: number },
): PricedUsage {
  const price = priceOf(table, usage.provider, usage.model);
  if (!price) return { costUsd: 0, priced: false };
  return { costUsd: costAt(price, usage.promptTokens, usage.completionTokens), priced: true };
}

/** What tokens cost at a known price, in USD rounded to 9 decimals. */
export function costAt(price: ModelPrice, promptTokens: number, completionTokens: number): number {
  const cost = (promptTokens * price.input + completionTokens * price.output) / 1e6;
  return Math.round(cost * 1e9) / 1e9;
}
