import type { EvidenceFeatures } from '../../apps/core-ai/src/modules/answering/evidence/evidence-features';
import { type EvidenceRow, crossValidate, foldsByPage } from './cross-validate';
import type { Question } from './dataset';
import { quotePlacement } from './quote-placement';

const FEATURES: EvidenceFeatures = {
  relevance: 0,
  coverage: 0,
  proximity: 0,
  unionCoverage: 0,
  headingCoverage: 0,
  cosine: 0,
  agreement: 0,
  unknownTerms: 0,
  missingName: 0,
  nameAwayFromTop: 0,
};

const answerable = (id: string, page: string): Question => ({
  id,
  corpus: 'c',
  question: id,
  answerable: true,
  pages: [page],
  quote: 'q',
});
const nearMiss = (id: string, page: string): Question => ({
  id,
  corpus: 'c',
  question: id,
  answerable: false,
  kind: 'near_miss',
  near: [page],
});
const outOfScope = (id: string): Question => ({
  id,
  corpus: 'c',
  question: id,
  answerable: false,
  kind: 'out_of_scope',
});

describe('answerability cross-validation', () => {
  it('holds out the questions about one page together, and spreads the pages over the folds', () => {
    const questions = [
      ...Array.from({ length: 20 }, (_, i) => answerable(`a${i}`, `page${i % 10}`)),
      ...Array.from({ length: 10 }, (_, i) => nearMiss(`n${i}`, `page${i}`)),
      ...Array.from({ length: 5 }, (_, i) => outOfScope(`o${i}`)),
    ];
    for (const seed of [1, 2, 3]) {
      const folds = foldsByPage(questions, 5, seed);
      for (let page = 0; page < 10; page += 1) {
        const about = questions.filter(
          (q) => (q.answerable ? q.pages : (q.near ?? []))[0] === `page${page}`,
        );
        expect(new Set(about.map((q) => folds.get(q.id))).size).toBe(1);
      }
      expect(new Set(folds.values())).toEqual(new Set([0, 1, 2, 3, 4]));
    }
    // Another shuffle puts the pages in other folds: the figure is an average over shuffles.
    const first = foldsByPage(questions, 5, 1);
    const second = foldsByPage(questions, 5, 2);
    expect(questions.some((q) => first.get(q.id) !== second.get(q.id))).toBe(true);
  });

  it('answers the unseen questions a separating feature tells apart, and none a noise feature does', () => {
    // Coverage separates the kinds; the cosine is the same for all, so alone it separates nothing.
    const rows: EvidenceRow[] = [
      ...Array.from({ length: 30 }, (_, i) => ({
        q: answerable(`a${i}`, `page${i}`),
        f: { ...FEATURES, coverage: 0.8 + (i % 5) * 0.04, cosine: 0.3 },
      })),
      ...Array.from({ length: 20 }, (_, i) => ({
        q: nearMiss(`n${i}`, `near${i}`),
        f: { ...FEATURES, coverage: 0.1 + (i % 5) * 0.04, cosine: 0.3 },
      })),
    ];
    const options = { folds: 5, shuffles: 2, steps: 2_000 };
    const separating = crossValidate(rows, ['coverage'], options);
    expect(separating.answerable).toBe(1);
    // The threshold is the training near misses' smoothed 95th percentile: the odd unseen one at
    // the top of their range may reach it, as the 5 % target allows.
    expect(separating.near_miss).toBeLessThanOrEqual(0.05);
    const noise = crossValidate(rows, ['cosine'], options);
    // Every score is alike, so the threshold either answers everything or nothing.
    expect(noise.answerable).toBe(noise.near_miss);
  });
});

describe('quote placement', () => {
  const quote = 'The answer is here.';
  it('tells a ranking miss from a retrieval miss', () => {
    const pool = ['a', 'b', 'c', 'd', 'e', 'f', `x ${quote.toUpperCase()} y`];
    expect(quotePlacement(pool.slice(0, 5), pool, quote)).toEqual({
      placement: 'reranked',
      poolRank: 7,
    });
    expect(quotePlacement(pool.slice(0, 5), pool.slice(0, 6), quote)).toEqual({
      placement: 'outside',
      poolRank: null,
    });
    expect(quotePlacement([`${quote}`, 'b'], [`${quote}`, 'b'], quote)).toEqual({
      placement: 'top5',
      poolRank: 1,
    });
  });
});
