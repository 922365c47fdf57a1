import type { Answerability } from '@cxgenie/contracts';
import { LOCAL_EMBEDDING_MODEL } from '@cxgenie/embeddings';
import { EVIDENCE_FEATURES, type EvidenceFeatures, SCORED_FEATURES } from './evidence-features';
import { harrellDavisQuantile } from './smoothed-quantile';

export interface AnswerabilityModel {
  bias: number;
  weights: Readonly<Partial<Record<keyof EvidenceFeatures, number>>>;
  /**
   * Scores of the dev split's unanswerable questions under the model, highest first: the
   * threshold for a target false-answer rate r is their smoothed (1 − r) quantile.
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
    bias: -1.142,
    weights: {
      coverage: 2.351,
      cosine: 1.328,
      unknownTerms: -1.485,
      missingName: -2.081,
      nameAwayFromTop: -0.975,
    },
    calibration: [
      0.792, 0.722, 0.685, 0.668, 0.646, 0.598, 0.55, 0.55, 0.489, 0.471, 0.467, 0.407, 0.387,
      0.345, 0.264, 0.252, 0.158, 0.129, 0.126, 0.111, 0.109, 0.106, 0.101, 0.097, 0.085, 0.085,
      0.078, 0.077, 0.071, 0.069, 0.065, 0.062, 0.057, 0.057, 0.051, 0.04, 0.036, 0.026, 0.014,
      0.012,
    ],
  },
  anyEmbedding: {
    bias: -0.788,
    weights: {
      coverage: 2.472,
      unknownTerms: -1.545,
      missingName: -2.107,
      nameAwayFromTop: -1.024,
    },
    calibration: [
      0.814, 0.73, 0.692, 0.677, 0.641, 0.634, 0.599, 0.587, 0.531, 0.483, 0.429, 0.422, 0.416,
      0.36, 0.289, 0.263, 0.176, 0.125, 0.122, 0.121, 0.117, 0.11, 0.101, 0.094, 0.091, 0.081,
      0.081, 0.076, 0.074, 0.07, 0.063, 0.062, 0.058, 0.057, 0.051, 0.044, 0.032, 0.026, 0.016,
      0.013,
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
 * The score at most `targetRate` of the calibration's unanswerable questions reach: their
 * (1 − rate) quantile, estimated with Harrell–Davis from all of them rather than read off the one
 * question at that rank, which over-fits the few dev questions in the tail (ADR 0054).
 */
export function thresholdFor(
  targetRate: number | undefined,
  calibration: readonly number[],
): number {
  const rate = Math.min(0.5, Math.max(0.01, targetRate ?? DEFAULT_TARGET_FALSE_ANSWER_RATE));
  if (calibration.length === 0) return 0;
  const smoothed = harrellDavisQuantile(calibration, 1 - rate);
  // A target stricter than one question of the calibration: the smoothed quantile would sit under
  // the highest of them, so the threshold is at least that score, as before ADR 0054.
  if (rate * calibration.length < 1) return Math.min(1, Math.max(smoothed, ...calibration));
  return Math.min(1, smoothed);
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
