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
  const weights = concepts.map((concept) => conceptWeight(concept, idf, known));
  return shareOf(concepts, weights, sumOf(weights), terms);
}

const sumOf = (weights: readonly number[]): number => {
  let total = 0;
  for (const weight of weights) total += weight;
  return total;
};

/** Every concept looked up in `terms`, in order. */
function shareOf(
  concepts: readonly QueryConcept[],
  weights: readonly number[],
  total: number,
  terms: ReadonlySet<string>,
): number {
  if (total === 0) return 0;
  let found = 0;
  concepts.forEach((concept, i) => {
    found += weights[i]! * conceptMatch(concept, terms);
  });
  return found / total;
}

/**
 * `coverage` for many term sets (every candidate, every sentence of each) against one question:
 * the concepts' weights are worked out once, not once per set. A set smaller than the question's
 * terms and synonyms is read word by word instead (a sentence holds a dozen words; a question's
 * concepts and synonyms, a few dozen): each concept's match is the same 1, SYNONYM_COVERAGE or 0,
 * summed in the same order, so the share is the same number.
 */
export function coverageOf(
  concepts: readonly QueryConcept[],
  idf: (term: string) => number,
  known?: (term: string) => boolean,
): (terms: ReadonlySet<string>) => number {
  const weights = concepts.map((concept) => conceptWeight(concept, idf, known));
  const total = sumOf(weights);
  const matchesOf = new Map<string, { concept: number; match: number }[]>();
  const add = (term: string, concept: number, match: number) => {
    let list = matchesOf.get(term);
    if (!list) matchesOf.set(term, (list = []));
    list.push({ concept, match });
  };
  let lookups = 0;
  concepts.forEach((concept, i) => {
    add(concept.term, i, 1);
    for (const synonym of concept.synonyms) add(synonym, i, SYNONYM_COVERAGE);
    lookups += 1 + concept.synonyms.length;
  });
  const matched = new Float64Array(concepts.length);
  return (terms) => {
    if (total === 0 || terms.size >= lookups) return shareOf(concepts, weights, total, terms);
    matched.fill(0);
    for (const term of terms) {
      const matches = matchesOf.get(term);
      if (!matches) continue;
      for (const { concept, match } of matches)
        if (match > matched[concept]!) matched[concept] = match;
    }
    let found = 0;
    for (let i = 0; i < concepts.length; i += 1) found += weights[i]! * matched[i]!;
    return found / total;
  };
}
