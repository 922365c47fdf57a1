import type { Answerability } from '@cxgenie/contracts';
import { EVIDENCE_FEATURES, type EvidenceFeatures } from './evidence-features';

/**
 * Logistic regression over the evidence, fitted on the dev split of `npm run eval:rag`
 * (`--fit`): the probability-like score that the bot's knowledge answers the question.
 */
export const ANSWERABILITY_MODEL: Readonly<{
  bias: number;
  weights: Readonly<Record<keyof EvidenceFeatures, number>>;
}> = {
  bias: -4,
  weights: {
    relevance: 1,
    coverage: 4,
    proximity: 2,
    unionCoverage: 1,
    headingCoverage: 0.5,
    cosine: 2,
    agreement: 0.5,
    unknownTerms: -4,
    missingName: -3,
  },
};

/**
 * Scores of the dev split's unanswerable questions under the model above, highest first: the
 * threshold for a target false-answer rate r is the score that at most r of them reach.
 */
export const UNANSWERABLE_CALIBRATION: readonly number[] = [0.9, 0.8, 0.7, 0.6, 0.5];

export const DEFAULT_TARGET_FALSE_ANSWER_RATE = 0.05;

/**
 * Lexical support from which an answer counts as fully grounded: a model rephrases and joins
 * sentences, so not every word of a faithful answer is in its sources.
 */
export const FULL_SUPPORT = 0.6;

export function evidenceScore(features: EvidenceFeatures): number {
  const { bias, weights } = ANSWERABILITY_MODEL;
  const z = EVIDENCE_FEATURES.reduce((sum, key) => sum + weights[key] * features[key], bias);
  return 1 / (1 + Math.exp(-z));
}

/**
 * The lowest score that at most `targetRate` of the calibration's unanswerable questions reach
 * (just above the score of the first one past the allowance).
 */
export function thresholdFor(
  targetRate: number | undefined,
  calibration: readonly number[] = UNANSWERABLE_CALIBRATION,
): number {
  const rate = Math.min(0.5, Math.max(0.01, targetRate ?? DEFAULT_TARGET_FALSE_ANSWER_RATE));
  const allowed = Math.floor(rate * calibration.length);
  const firstRefused = calibration[allowed];
  return firstRefused === undefined ? 0 : Math.min(1, firstRefused + 1e-6);
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The answerability of one question: the evidence score times the grounding of the answer in its
 * sources (1 when fully supported, 0 when a judge rejected it), against the bot's threshold.
 */
export function answerability(
  features: EvidenceFeatures,
  grounding: { support: number; judged: boolean | null } | null,
  threshold: number,
): Answerability {
  const evidence = evidenceScore(features);
  const groundingFactor =
    grounding === null
      ? 1
      : grounding.judged === false
        ? 0
        : Math.min(1, grounding.support / FULL_SUPPORT);
  const score = evidence * groundingFactor;
  const shown: Record<string, number> = Object.fromEntries(
    EVIDENCE_FEATURES.map((key) => [key, round(features[key])]),
  );
  shown.evidence = round(evidence);
  if (grounding) {
    shown.grounding = round(grounding.support);
    if (grounding.judged !== null) shown.judged = grounding.judged ? 1 : 0;
  }
  return {
    score: round(score),
    threshold: round(threshold),
    features: shown,
    reason: describe(features, evidence, grounding, score >= threshold),
  };
}

function describe(
  f: EvidenceFeatures,
  evidence: number,
  grounding: { support: number; judged: boolean | null } | null,
  answer: boolean,
): string {
  const parts = [
    `best chunk holds ${Math.round(f.coverage * 100)}% of the question's terms`,
    `best sentence ${Math.round(f.proximity * 100)}%`,
    `top cosine ${f.cosine.toFixed(2)}`,
  ];
  if (f.unknownTerms > 0) {
    parts.push(`${Math.round(f.unknownTerms * 100)}% of its specific terms are not in the knowledge`);
  }
  if (f.missingName) parts.push('it names something the knowledge never mentions');
  if (grounding?.judged === false) parts.push('the judge found the answer unsupported');
  else if (grounding) parts.push(`answer support ${Math.round(grounding.support * 100)}%`);
  return `${answer ? 'answer' : 'hand off'}: ${parts.join('; ')} (evidence ${evidence.toFixed(2)})`;
}
