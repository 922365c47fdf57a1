import { termSpecificity } from '@cxgenie/text-processing';
import type { QueryConcept } from './search-query';

/** A synonym in the text covers its concept this much (the customer's own word covers it fully). */
export const SYNONYM_COVERAGE = 0.5;

/**
 * How much a concept says about the question: its weight in the query, its rarity in the bot's
 * knowledge (IDF), and whether it is an everyday word (a static weight that keeps a tiny bot's
 * noisy IDF from ranking "long" above "shipping").
 */
export const conceptWeight = (
  concept: QueryConcept,
  idf: (term: string) => number,
  known: (term: string) => boolean = () => true,
): number =>
  isCustomerSpecific(concept.term) && !known(concept.term)
    ? 0
    : concept.weight * idf(concept.term) * termSpecificity(concept.term);

/**
 * IDF for weighing a question's terms: a term the knowledge never contains is weighed like the
 * rarest one it contains. Plain IDF would make it outweigh every known term, which in a bot with
 * three snippets turns "how long" into most of the question.
 */
export const questionIdf =
  (index: { idf(term: string): number; documentFrequency(term: string): number; size: number }) =>
  (term: string): number =>
    index.documentFrequency(term) > 0
      ? index.idf(term)
      : Math.log(1 + (index.size - 1 + 0.5) / (1 + 0.5));

/**
 * An order number, a ticket id, a date: words with digits the knowledge does not have belong to
 * the customer's case, not to the topic of the question.
 */
export const isCustomerSpecific = (term: string): boolean => /\d/.test(term);

/** How much of a concept `terms` hold: 1 for its own term, less for a synonym, else 0. */
export function conceptMatch(concept: QueryConcept, terms: ReadonlySet<string>): number {
  if (terms.has(concept.term)) return 1;
  return concept.synonyms.some((synonym) => terms.has(synonym)) ? SYNONYM_COVERAGE : 0;
}

/** The share (0..1) of the question's weighted concepts that `terms` hold. */
export function coverage(
  concepts: readonly QueryConcept[],
  idf: (term: string) => number,
  terms: ReadonlySet<string>,
  known?: (term: string) => boolean,
): number {
  return coverageOf(concepts, idf, known)(terms);
}

/**
 * `coverage` for many term sets (every candidate, every sentence of each) against one question:
 * the concepts' weights are worked out once, not once per set.
 */
export function coverageOf(
  concepts: readonly QueryConcept[],
  idf: (term: string) => number,
  known?: (term: string) => boolean,
): (terms: ReadonlySet<string>) => number {
  const weights = concepts.map((concept) => conceptWeight(concept, idf, known));
  let total = 0;
  for (const weight of weights) total += weight;
  return (terms) => {
    if (total === 0) return 0;
    let found = 0;
    concepts.forEach((concept, i) => {
      found += weights[i]! * conceptMatch(concept, terms);
    });
    return found / total;
  };
}
