import { conceptMatch, conceptWeight, coverage, coverageOf } from './concept-coverage';
import type { QueryConcept } from './search-query';

/** The share as first written: every concept looked up in the set, in order. */
function reference(
  concepts: readonly QueryConcept[],
  idf: (term: string) => number,
  terms: ReadonlySet<string>,
  known?: (term: string) => boolean,
): number {
  const weights = concepts.map((concept) => conceptWeight(concept, idf, known));
  let total = 0;
  for (const weight of weights) total += weight;
  if (total === 0) return 0;
  let found = 0;
  concepts.forEach((concept, i) => {
    found += weights[i]! * conceptMatch(concept, terms);
  });
  return found / total;
}

/** A deterministic generator: the cases are the same on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('coverageOf', () => {
  const next = random(7);
  const vocabulary = Array.from({ length: 40 }, (_, i) => `w${i}`.concat(i % 9 === 0 ? '2' : ''));
  const pick = () => vocabulary[Math.floor(next() * vocabulary.length)]!;
  const idf = (term: string) => 0.1 + (term.length * 7.3 + term.charCodeAt(1)) / 97;
  const known = (term: string) => !term.endsWith('2') || term.length % 2 === 0;

  it('gives the same share, to the bit, as looking every concept up, for small and large sets', () => {
    let partial = 0;
    for (let round = 0; round < 400; round += 1) {
      // Concepts whose synonyms overlap each other's terms, repeated terms, customer-specific ones.
      const concepts: QueryConcept[] = Array.from({ length: 1 + Math.floor(next() * 8) }, () => ({
        term: pick(),
        weight: [1, 0.5, 0.3][Math.floor(next() * 3)]!,
        synonyms: Array.from({ length: Math.floor(next() * 4) }, pick),
      }));
      const share = coverageOf(concepts, idf, round % 2 ? known : undefined);
      for (let set = 0; set < 20; set += 1) {
        const terms = new Set(Array.from({ length: Math.floor(next() * 45) }, pick));
        const expected = reference(concepts, idf, terms, round % 2 ? known : undefined);
        expect(Object.is(share(terms), expected)).toBe(true);
        expect(
          Object.is(coverage(concepts, idf, terms, round % 2 ? known : undefined), expected),
        ).toBe(true);
        if (expected > 0 && expected < 1) partial += 1;
      }
    }
    expect(partial).toBeGreaterThan(1_000);
  });
});
