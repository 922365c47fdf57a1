import {
  ANSWERABILITY_MODELS,
  type AnswerabilityModel,
  DEFAULT_TARGET_FALSE_ANSWER_RATE,
  thresholdFor,
} from '../../apps/core-ai/src/modules/answering/evidence/answerability';
import {
  SCORED_FEATURES,
  type EvidenceFeatures,
  evidenceFeatures,
} from '../../apps/core-ai/src/modules/answering/evidence/evidence-features';
import type { RetrievalResult } from '../../apps/core-ai/src/modules/retrieval/retrieval.service';
import type { Question } from './dataset';

type Feature = keyof EvidenceFeatures;
const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * L2-regularised logistic regression by gradient descent, both classes weighed alike (the
 * unanswerable questions are fewer), started from the current model.
 */
export function fit(
  rows: readonly { f: EvidenceFeatures; y: number }[],
  features: readonly Feature[],
  start: AnswerabilityModel,
  steps = 20_000,
): AnswerabilityModel {
  const n = features.length;
  let w = features.map((k) => start.weights[k] ?? 0);
  let b = start.bias;
  const positives = rows.filter((r) => r.y === 1).length;
  const weightOf = (y: number) =>
    y === 1 ? rows.length / (2 * positives) : rows.length / (2 * (rows.length - positives));
  const x = rows.map((r) => features.map((k) => r.f[k]));
  for (let step = 0; step < steps; step += 1) {
    const gw = new Array<number>(n).fill(0);
    let gb = 0;
    rows.forEach(({ y }, r) => {
      const z = x[r]!.reduce((s, v, i) => s + v * w[i]!, b);
      const err = (1 / (1 + Math.exp(-z)) - y) * weightOf(y);
      for (let i = 0; i < n; i += 1) gw[i]! += err * x[r]![i]!;
      gb += err;
    });
    w = w.map((wi, i) => wi - 0.5 * (gw[i]! / rows.length + 0.01 * wi));
    b -= 0.5 * (gb / rows.length);
  }
  const score = (r: number) => 1 / (1 + Math.exp(-x[r]!.reduce((s, v, i) => s + v * w[i]!, b)));
  const calibration = rows
    .map((row, r) => (row.y === 0 ? score(r) : null))
    .filter((s): s is number => s !== null)
    .sort((a, c) => c - a)
    .map(round);
  return {
    bias: round(b),
    weights: Object.fromEntries(features.map((k, i) => [k, round(w[i]!)])),
    calibration,
  };
}

/**
 * Fits the answerability models on the dev split's evidence (with and without the local
 * embedding's cosines) and prints them with their calibrations, for
 * apps/core-ai/src/modules/answering/evidence/answerability.ts.
 */
export async function fitAnswerability(
  system: { retrieve(q: Question): Promise<RetrievalResult> },
  dev: readonly Question[],
): Promise<void> {
  const rows: { f: EvidenceFeatures; y: number }[] = [];
  for (const q of dev) {
    rows.push({ f: evidenceFeatures(await system.retrieve(q)), y: q.answerable ? 1 : 0 });
  }
  const models = {
    localEmbedding: fit(rows, SCORED_FEATURES, ANSWERABILITY_MODELS.localEmbedding),
    anyEmbedding: fit(
      rows,
      SCORED_FEATURES.filter((k) => k !== 'cosine'),
      ANSWERABILITY_MODELS.anyEmbedding,
    ),
  };
  for (const [name, model] of Object.entries(models)) {
    console.log(`${name}: ${JSON.stringify(model)}`);
    console.log(
      `  threshold at the default target (${DEFAULT_TARGET_FALSE_ANSWER_RATE}): ${thresholdFor(DEFAULT_TARGET_FALSE_ANSWER_RATE, model.calibration)}`,
    );
  }
}
