import type { Answerability } from '@cxgenie/contracts';
import { LOCAL_EMBEDDING_MODEL } from '@cxgenie/embeddings';
import { EVIDENCE_FEATURES, type EvidenceFeatures } from './evidence-features';

export interface AnswerabilityModel {
  bias: number;
  weights: Readonly<Partial<Record<keyof EvidenceFeatures, number>>>;
  /**
   * Scores of the dev split's unanswerable questions under the model, highest first: the
   * threshold for a target false-answer rate r is the score that at most r of them reach.
   */
  calibration: readonly number[];
}

/**
 * Logistic regressions over the evidence, fitted on the dev split of `npm run eval:rag` (`--fit`)
 * with the local embedding: the probability-like score that the bot's knowledge answers the
 * question. Cosines are a property of the embedding model, so the model that reads them holds
 * for the local embedding only; any other embedding gets the one fitted without them.
 */
export const ANSWERABILITY_MODELS: Readonly<
  Record<'localEmbedding' | 'anyEmbedding', AnswerabilityModel>
> = {
  localEmbedding: {
    bias: -2.753,
    weights: {
      relevance: 0.613,
      coverage: 1.593,
      proximity: 0.705,
      unionCoverage: 1.492,
      headingCoverage: 0.563,
      cosine: 1.104,
      agreement: 0.377,
      unknownTerms: -1.184,
      missingName: -1.821,
      nameAwayFromTop: -1.042,
    },
    calibration: [
      0.861, 0.786, 0.72, 0.685, 0.647, 0.539, 0.513, 0.488, 0.374, 0.349, 0.347, 0.336, 0.297,
      0.234, 0.178, 0.132, 0.129, 0.116, 0.115, 0.108, 0.103, 0.102, 0.102, 0.088, 0.085, 0.082,
      0.071, 0.06, 0.059, 0.053, 0.052, 0.05, 0.041, 0.036, 0.034, 0.03, 0.019, 0.015, 0.008, 0.006,
    ],
  },
  anyEmbedding: {
    bias: -2.516,
    weights: {
      relevance: 0.662,
      coverage: 1.65,
      proximity: 0.733,
      unionCoverage: 1.507,
      headingCoverage: 0.62,
      agreement: 0.41,
      unknownTerms: -1.22,
      missingName: -1.838,
      nameAwayFromTop: -1.087,
    },
    calibration: [
      0.876, 0.795, 0.716, 0.702, 0.641, 0.576, 0.549, 0.516, 0.385, 0.358, 0.341, 0.318, 0.315,
      0.249, 0.193, 0.134, 0.126, 0.126, 0.123, 0.118, 0.102, 0.097, 0.097, 0.091, 0.091, 0.075,
      0.073, 0.062, 0.061, 0.054, 0.054, 0.047, 0.041, 0.036, 0.036, 0.033, 0.016, 0.015, 0.008,
      0.006,
    ],
  },
};

export const modelFor = (embeddingModel: string): AnswerabilityModel =>
  embeddingModel === LOCAL_EMBEDDING_MODEL
    ? ANSWERABILITY_MODELS.localEmbedding
    : ANSWERABILITY_MODELS.anyEmbedding;

export const DEFAULT_TARGET_FALSE_ANSWER_RATE = 0.05;

/**
 * Lexical support from which an answer counts as fully grounded: a model rephrases and joins
 * sentences, so not every word of a faithful answer is in its sources.
 */
export const FULL_SUPPORT = 0.6;

export function evidenceScore(features: EvidenceFeatures, model: AnswerabilityModel): number {
  const z = EVIDENCE_FEATURES.reduce(
    (sum, key) => sum + (model.weights[key] ?? 0) * features[key],
    model.bias,
  );
  return 1 / (1 + Math.exp(-z));
}

/**
 * The lowest score that at most `targetRate` of the calibration's unanswerable questions reach
 * (just above the score of the first one past the allowance).
 */
export function thresholdFor(
  targetRate: number | undefined,
  calibration: readonly number[],
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
  model: AnswerabilityModel,
): Answerability {
  const evidence = evidenceScore(features, model);
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
    parts.push(
      `${Math.round(f.unknownTerms * 100)}% of its specific terms are not in the knowledge`,
    );
  }
  if (f.missingName) parts.push('it names something the knowledge never mentions');
  if (f.nameAwayFromTop > 0) parts.push('a name it asks about is in none of the best passages');
  if (grounding?.judged === false) parts.push('the judge found the answer unsupported');
  else if (grounding) parts.push(`answer support ${Math.round(grounding.support * 100)}%`);
  return `${answer ? 'answer' : 'hand off'}: ${parts.join('; ')} (evidence ${evidence.toFixed(2)})`;
}
