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
  bias: -1.342,
  weights: {
    relevance: 0.472,
    coverage: 0.879,
    proximity: 0.234,
    unionCoverage: 1.538,
    headingCoverage: -0.076,
    cosine: 1.526,
    agreement: 0.456,
    unknownTerms: -1.448,
    missingName: -2.233,
  },
};

/**
 * Scores of the dev split's unanswerable questions under the model above, highest first: the
 * threshold for a target false-answer rate r is the score that at most r of them reach.
 */
export const UNANSWERABLE_CALIBRATION: readonly number[] = [
  0.771, 0.755, 0.753, 0.752, 0.647, 0.639, 0.618, 0.584, 0.508, 0.479, 0.479, 0.445, 0.43, 0.385,
  0.337, 0.29, 0.145, 0.131, 0.119, 0.114, 0.111, 0.111, 0.102, 0.102, 0.1, 0.098, 0.095, 0.08,
  0.08, 0.077, 0.072, 0.062, 0.06, 0.057, 0.05, 0.045, 0.044, 0.019, 0.014, 0.01,
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
