import { EVIDENCE_FEATURES } from '../../apps/core-ai/src/modules/answering/evidence/evidence-features';
import { evidenceFeatures } from '../../apps/core-ai/src/modules/answering/evidence/evidence-features';
import {
  ANSWERABILITY_MODEL,
  DEFAULT_TARGET_FALSE_ANSWER_RATE,
} from '../../apps/core-ai/src/modules/answering/evidence/answerability';
import type { RetrievalResult } from '../../apps/core-ai/src/modules/retrieval/retrieval.service';
import type { Question } from './dataset';

/**
 * Fits the answerability model (L2-regularised logistic regression, gradient descent) on the dev
 * split's evidence and prints it with its calibration: the scores of dev's unanswerable
 * questions, from which a bot's threshold follows for any target false-answer rate.
 */
export async function fitAnswerability(
  system: { retrieve(q: Question): Promise<RetrievalResult> },
  dev: readonly Question[],
): Promise<void> {
  const rows: { x: number[]; y: number }[] = [];
  for (const q of dev) {
    const features = evidenceFeatures(await system.retrieve(q));
    rows.push({ x: EVIDENCE_FEATURES.map((k) => features[k]), y: q.answerable ? 1 : 0 });
  }
  const n = EVIDENCE_FEATURES.length;
  let w = EVIDENCE_FEATURES.map((k) => ANSWERABILITY_MODEL.weights[k]);
  let b = ANSWERABILITY_MODEL.bias;
  const lambda = 0.01;
  const rate = 0.5;
  // Unanswerable questions are rarer: weigh them up so both classes count alike.
  const positives = rows.filter((r) => r.y === 1).length;
  const weightOf = (y: number) => (y === 1 ? rows.length / (2 * positives) : rows.length / (2 * (rows.length - positives)));
  for (let step = 0; step < 20_000; step += 1) {
    const gw = new Array<number>(n).fill(0);
    let gb = 0;
    for (const { x, y } of rows) {
      const z = x.reduce((s, v, i) => s + v * w[i]!, b);
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - y) * weightOf(y);
      for (let i = 0; i < n; i += 1) gw[i]! += err * x[i]!;
      gb += err;
    }
    w = w.map((wi, i) => wi - rate * (gw[i]! / rows.length + lambda * wi));
    b -= rate * (gb / rows.length);
  }
  const score = (x: number[]) => 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * w[i]!, b)));
  const unanswerable = rows.filter((r) => r.y === 0).map((r) => score(r.x)).sort((a, c) => c - a);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  console.log('bias:', round(b));
  console.log(
    'weights:',
    JSON.stringify(Object.fromEntries(EVIDENCE_FEATURES.map((k, i) => [k, round(w[i]!)]))),
  );
  console.log('calibration (dev unanswerable scores, highest first):', JSON.stringify(unanswerable.map(round)));
  const allowed = Math.floor(DEFAULT_TARGET_FALSE_ANSWER_RATE * unanswerable.length);
  const threshold = unanswerable[allowed] ?? 0;
  const answered = rows.filter((r) => r.y === 1 && score(r.x) > threshold).length;
  console.log(
    `at the default target (${DEFAULT_TARGET_FALSE_ANSWER_RATE}): threshold ${round(threshold)}, dev answerable answered ${answered}/${positives}`,
  );
}
