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
    bias: -2.99,
    weights: {
      relevance: 0.663,
      coverage: 1.601,
      proximity: 0.754,
      unionCoverage: 1.585,
      headingCoverage: 0.577,
      cosine: 1.17,
      agreement: 0.418,
      unknownTerms: -1.124,
      missingName: -1.787,
    },
    calibration: [
      0.859, 0.779, 0.727, 0.712, 0.631, 0.52, 0.515, 0.503, 0.461, 0.434, 0.355, 0.328, 0.324,
      0.309, 0.209, 0.163, 0.124, 0.112, 0.109, 0.1, 0.1, 0.098, 0.096, 0.084, 0.082, 0.08, 0.079,
      0.068, 0.056, 0.054, 0.052, 0.049, 0.047, 0.038, 0.033, 0.028, 0.017, 0.014, 0.007, 0.005,
    ],
  },
  anyEmbedding: {
    bias: -2.752,
    weights: {
      relevance: 0.718,
      coverage: 1.662,
      proximity: 0.787,
      unionCoverage: 1.607,
      headingCoverage: 0.638,
      agreement: 0.457,
      unknownTerms: -1.158,
      missingName: -1.801,
    },
    calibration: [
      0.875, 0.788, 0.745, 0.708, 0.623, 0.554, 0.554, 0.541, 0.49, 0.466, 0.365, 0.334, 0.313,
      0.296, 0.217, 0.177, 0.121, 0.121, 0.118, 0.109, 0.098, 0.092, 0.091, 0.087, 0.087, 0.074,
      0.072, 0.07, 0.058, 0.056, 0.051, 0.051, 0.05, 0.037, 0.033, 0.033, 0.014, 0.014, 0.008,
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
  if (grounding?.judged === false) parts.push('the judge found the answer unsupported');
  else if (grounding) parts.push(`answer support ${Math.round(grounding.support * 100)}%`);
  return `${answer ? 'answer' : 'hand off'}: ${parts.join('; ')} (evidence ${evidence.toFixed(2)})`;
}
