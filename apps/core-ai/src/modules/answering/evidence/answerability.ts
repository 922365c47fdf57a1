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
  bias: -2.989,
  weights: {
    relevance: 0.651,
    coverage: 1.556,
    proximity: 0.762,
    unionCoverage: 1.667,
    headingCoverage: 0.542,
    cosine: 1.164,
    agreement: 0.438,
    unknownTerms: -1.048,
    missingName: -1.733,
  },
};

/**
 * Scores of the dev split's unanswerable questions under the model above, highest first: the
 * threshold for a target false-answer rate r is the score that at most r of them reach.
 */
export const UNANSWERABLE_CALIBRATION: readonly number[] = [
  0.862, 0.782, 0.734, 0.72, 0.635, 0.525, 0.524, 0.496, 0.467, 0.437, 0.332, 0.314, 0.309, 0.241,
  0.217, 0.155, 0.119, 0.11, 0.107, 0.106, 0.1, 0.092, 0.09, 0.084, 0.084, 0.08, 0.078, 0.058,
  0.055, 0.051, 0.051, 0.046, 0.038, 0.038, 0.032, 0.028, 0.018, 0.015, 0.008, 0.006,
];

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
  // The calibration is rounded to 3 decimals: half a unit above it is above the question itself.
  return firstRefused === undefined ? 0 : Math.min(1, firstRefused + 5e-4);
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const precise = (value: number) => Math.round(value * 1e9) / 1e9;

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
  // Compared as they are: rounding could put a score on the wrong side of its threshold.
  return {
    score: precise(score),
    threshold: precise(threshold),
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
