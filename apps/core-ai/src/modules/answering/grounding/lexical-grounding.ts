import { termSpecificity, tokenizeForSearch } from '@cxgenie/text-processing';

/** Numbers, versions, ports, paths and addresses: the facts a made-up answer gets wrong. */
const FACT = /\b\d[\d.,:/]*\d\b|\b\d\b|https?:\/\/\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b/g;

/**
 * How much of an answer its sources support, without a model (0..1): the share of the answer's
 * specific terms found in the sources, weighted by rarity in the bot's knowledge, and zero when
 * the answer states a number, address or link that no source contains.
 */
export function lexicalSupport(
  answer: string,
  sources: readonly string[],
  idf: (term: string) => number,
): number {
  const sourceText = sources.join('\n');
  const sourceTerms = new Set(tokenizeForSearch(sourceText));
  const facts = answer.match(FACT) ?? [];
  if (facts.some((fact) => !sourceText.includes(fact))) return 0;
  const terms = [...new Set(tokenizeForSearch(answer))].filter((t) => termSpecificity(t) >= 1);
  if (terms.length === 0) return 1;
  const weight = (term: string) => Math.max(0.1, idf(term));
  const total = terms.reduce((sum, t) => sum + weight(t), 0);
  const found = terms.reduce((sum, t) => sum + (sourceTerms.has(t) ? weight(t) : 0), 0);
  return found / total;
}
