import type { Answerability } from '@cxgenie/contracts';
import { LOCAL_EMBEDDING_MODEL } from '@cxgenie/embeddings';
import { EVIDENCE_FEATURES, type EvidenceFeatures, SCORED_FEATURES } from './evidence-features';

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
    bias: -2.288,
    weights: {
      coverage: 1.71,
      proximity: 0.854,
      unionCoverage: 1.512,
      cosine: 1.194,
      unknownTerms: -1.236,
      missingName: -1.858,
      nameAwayFromTop: -1.085,
    },
    calibration: [
      0.851, 0.757, 0.706, 0.667, 0.639, 0.592, 0.521, 0.515, 0.388, 0.387, 0.367, 0.358, 0.291,
      0.261, 0.178, 0.148, 0.135, 0.128, 0.121, 0.117, 0.102, 0.101, 0.095, 0.095, 0.082, 0.076,
      0.072, 0.067, 0.059, 0.052, 0.051, 0.045, 0.044, 0.042, 0.037, 0.034, 0.021, 0.016, 0.009,
      0.007,
    ],
  },
  anyEmbedding: {
    bias: -1.989,
    weights: {
      coverage: 1.786,
      proximity: 0.904,
      unionCoverage: 1.53,
      unknownTerms: -1.283,
      missingName: -1.882,
      nameAwayFromTop: -1.141,
    },
    calibration: [
      0.868, 0.765, 0.726, 0.658, 0.636, 0.632, 0.561, 0.548, 0.404, 0.402, 0.366, 0.334, 0.31,
      0.281, 0.194, 0.153, 0.143, 0.135, 0.132, 0.113, 0.112, 0.106, 0.095, 0.088, 0.082, 0.079,
      0.07, 0.064, 0.06, 0.056, 0.054, 0.044, 0.042, 0.04, 0.04, 0.036, 0.017, 0.016, 0.01, 0.007,
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
  const z = SCORED_FEATURES.reduce(
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
