import {
  ANSWERABILITY_MODELS,
  answerability,
  evidenceScore,
  modelFor,
  thresholdFor,
} from './answerability';

const model = ANSWERABILITY_MODELS.localEmbedding;
import type { EvidenceFeatures } from './evidence-features';
import { namesIn } from './evidence-features';

const strong: EvidenceFeatures = {
  relevance: 0.8,
  coverage: 0.9,
  proximity: 0.9,
  unionCoverage: 1,
  headingCoverage: 0.5,
  cosine: 0.6,
  agreement: 0.8,
  unknownTerms: 0,
  missingName: 0,
  nameAwayFromTop: 0,
};
const weak: EvidenceFeatures = {
  ...strong,
  coverage: 0.2,
  proximity: 0.2,
  unionCoverage: 0.3,
  cosine: 0.15,
  agreement: 0,
  unknownTerms: 0.5,
  missingName: 1,
};

describe('answerability', () => {
  it('scores strong evidence above weak evidence, and a name the knowledge lacks lower still', () => {
    expect(evidenceScore(strong, model)).toBeGreaterThan(evidenceScore(weak, model));
    expect(evidenceScore({ ...strong, missingName: 1 }, model)).toBeLessThan(
      evidenceScore(strong, model),
    );
    expect(evidenceScore({ ...strong, unknownTerms: 1 }, model)).toBeLessThan(
      evidenceScore(strong, model),
    );
    // A near miss: the named thing is in the knowledge, but not where the question's topic is.
    expect(evidenceScore({ ...strong, nameAwayFromTop: 1 }, model)).toBeLessThan(
      evidenceScore(strong, model),
    );
  });

  it('scores only the robust features: the others are shown, not weighed', () => {
    // These repeat coverage and the cosine; weighing them over-fitted the few dev unanswerable
    // questions (ADR 0054). They still appear in the logged features.
    for (const m of [model, ANSWERABILITY_MODELS.anyEmbedding]) {
      const varied = {
        ...strong,
        relevance: 0,
        proximity: 0,
        unionCoverage: 0,
        headingCoverage: 0,
        agreement: 0,
      };
      expect(evidenceScore(varied, m)).toBe(evidenceScore(strong, m));
    }
    const shown = answerability(strong, null, 0.5, model).features;
    expect(shown).toMatchObject({ relevance: 0.8, proximity: 0.9, agreement: 0.8 });
  });

  it('sets the threshold from a target false-answer rate on the calibration, smoothed', () => {
    const calibration = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
    // 10 % of 10: about one unanswerable question may pass. The estimate weighs every score,
    // so it falls between the scores around that rank instead of on one question's score.
    const tenPercent = thresholdFor(0.1, calibration);
    expect(tenPercent).toBeGreaterThan(0.75);
    expect(tenPercent).toBeLessThan(0.85);
    expect(calibration).not.toContain(tenPercent);
    // No single question sets it: raising the score at that rank by 0.05 moves it by less.
    const raised = [0.9, 0.85, ...calibration.slice(2)];
    const moved = thresholdFor(0.1, raised) - tenPercent;
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(0.04);
    expect(thresholdFor(0.3, calibration)).toBeLessThan(tenPercent);
    // Out-of-range targets are clamped (1 % .. 50 %).
    expect(thresholdFor(0, calibration)).toBe(thresholdFor(0.01, calibration));
    expect(thresholdFor(0.9, calibration)).toBe(thresholdFor(0.5, calibration));
    // A target stricter than one question in the calibration lets none of them through.
    const strict = thresholdFor(0.01, model.calibration);
    expect(model.calibration.length).toBeLessThan(100);
    expect(model.calibration.every((score) => score <= strict)).toBe(true);
    // A stricter target never lowers the threshold.
    expect(thresholdFor(0.01, model.calibration)).toBeGreaterThanOrEqual(
      thresholdFor(0.05, model.calibration),
    );
  });

  it('reads cosines only with the local embedding, whose cosines it was fitted on', () => {
    expect(modelFor('local/hashed-ngrams-v1')).toBe(ANSWERABILITY_MODELS.localEmbedding);
    expect(modelFor('text-embedding-3-large')).toBe(ANSWERABILITY_MODELS.anyEmbedding);
    expect(ANSWERABILITY_MODELS.anyEmbedding.weights.cosine).toBeUndefined();
  });

  it('multiplies in the grounding: a rejected answer scores zero, a well-supported one is untouched', () => {
    const threshold = 0.5;
    const plain = answerability(strong, null, threshold, model);
    expect(answerability(strong, { support: 1, judged: true }, threshold, model).score).toBe(
      plain.score,
    );
    expect(answerability(strong, { support: 1, judged: false }, threshold, model).score).toBe(0);
    expect(
      answerability(strong, { support: 0.3, judged: null }, threshold, model).score,
    ).toBeLessThan(plain.score);
    expect(plain.features).toMatchObject({ coverage: 0.9 });
    expect(plain.features.evidence).toBeCloseTo(plain.score, 3);
    expect(plain.reason).toMatch(/^answer: /);
    expect(answerability(weak, null, 0.99, model).reason).toMatch(/^hand off: .*never mentions/);
  });
});

describe('namesIn', () => {
  it('finds capitalised words away from sentence starts and inner capitals', () => {
    expect(namesIn('How do I move my WordPress site to Kinsta? Thanks. iPhone too')).toEqual([
      'WordPress',
      'Kinsta',
      'iPhone',
    ]);
    expect(namesIn("I'm asking: can I get a refund?")).toEqual([]);
  });
});
