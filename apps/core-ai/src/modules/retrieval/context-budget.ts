import type { RetrievedChunk } from '@cxgenie/contracts';

export interface BudgetOptions {
  maxTokens: number;
  maxChunks: number;
  countTokens: (text: string) => number;
}

/**
 * The best chunks, in rank order, whose real token counts fit the budget together. A chunk too
 * big for what is left is skipped rather than ending the selection: a smaller, lower-ranked chunk
 * may still fit and still help.
 */
export function fitToBudget(
  ranked: readonly RetrievedChunk[],
  { maxTokens, maxChunks, countTokens }: BudgetOptions,
): RetrievedChunk[] {
  const chosen: RetrievedChunk[] = [];
  let used = 0;
  for (const chunk of ranked) {
    if (chosen.length >= maxChunks) break;
    const tokens = countTokens(chunk.text);
    if (used + tokens > maxTokens) continue;
    used += tokens;
    chosen.push({ ...chunk, tokenCount: tokens });
  }
  return chosen;
}
