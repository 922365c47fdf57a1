import { holdsQuote } from './dataset';

/**
 * Where an answerable question's quote ended up: among the five chunks the answer is built from,
 * among the re-ranked candidates below them (a ranking miss), or nowhere in the re-ranked pool (a
 * retrieval miss: neither leg brought the passage close enough to be re-ranked).
 */
export type Placement = 'top5' | 'reranked' | 'outside';

export interface QuotePlacement {
  placement: Placement;
  /** 1-based rank of the first re-ranked candidate holding the quote, null when none does. */
  poolRank: number | null;
}

export function quotePlacement(
  top5: readonly string[],
  pool: readonly string[],
  quote: string,
): QuotePlacement {
  const index = pool.findIndex((text) => holdsQuote(text, quote));
  const poolRank = index < 0 ? null : index + 1;
  if (top5.slice(0, 5).some((text) => holdsQuote(text, quote)))
    return { placement: 'top5', poolRank };
  return { placement: poolRank === null ? 'outside' : 'reranked', poolRank };
}
