import {
  ANSWERABILITY_MODELS,
  type AnswerabilityModel,
  DEFAULT_TARGET_FALSE_ANSWER_RATE,
  thresholdFor,
} from '../../apps/core-ai/src/modules/answering/evidence/answerability';
import type { EvidenceFeatures } from '../../apps/core-ai/src/modules/answering/evidence/evidence-features';
import { type Question, pagesOf } from './dataset';
import { fit } from './fit';

type Feature = keyof EvidenceFeatures;
export type QuestionKind = 'answerable' | 'near_miss' | 'out_of_scope';

export const kindOf = (q: Question): QuestionKind => (q.answerable ? 'answerable' : q.kind);

/** One dev question's evidence, for fitting. */
export interface EvidenceRow {
  q: Question;
  f: EvidenceFeatures;
}

/** Held-out share of each kind of question that would be answered. */
export type HeldOutRates = Record<QuestionKind, number>;

/**
 * What a question's fold follows: its pages (an answerable question's, a near miss's neighbours),
 * else its own id. Questions about one page are held out together: a model must not be scored on
 * a page whose twin question it was fitted on.
 */
const groupOf = (q: Question): string => {
  const pages = pagesOf(q);
  return pages.length > 0 ? `${q.corpus}/${[...pages].sort()[0]}` : `question:${q.id}`;
};

/** The model's score on whichever features it was fitted with (the product's reads its own five). */
const scoreOf = (f: EvidenceFeatures, model: AnswerabilityModel): number => {
  let z = model.bias;
  for (const [key, weight] of Object.entries(model.weights)) z += (weight ?? 0) * f[key as Feature];
  return 1 / (1 + Math.exp(-z));
};

/** A small seeded generator (mulberry32): the same folds on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each question's fold (0..folds − 1), its page group's, in a shuffled order of the groups. */
export function foldsByPage(
  questions: readonly Question[],
  folds: number,
  seed: number,
): Map<string, number> {
  const groups = [...new Set(questions.map(groupOf))].sort();
  const random = seeded(seed);
  for (let i = groups.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [groups[i], groups[j]] = [groups[j]!, groups[i]!];
  }
  const foldOf = new Map(groups.map((group, i) => [group, i % folds]));
  return new Map(questions.map((q) => [q.id, foldOf.get(groupOf(q))!]));
}

/**
 * Cross-validates the answerability model on `features`, the way ADR 0054 judged features: folds
 * by page, the model fitted (fit.ts, as `--fit` does) and its threshold set (the product's
 * `thresholdFor` at the default target) on the other folds, the held-out questions scored. An
 * in-sample figure rewards a feature that describes dev's few unanswerable questions; this one
 * asks whether it helps on questions the model has not seen.
 */
export function crossValidate(
  rows: readonly EvidenceRow[],
  features: readonly Feature[],
  options: { folds?: number; shuffles?: number; steps?: number } = {},
): HeldOutRates {
  const folds = options.folds ?? 5;
  const shuffles = options.shuffles ?? 12;
  const answered: Record<QuestionKind, [number, number]> = {
    answerable: [0, 0],
    near_miss: [0, 0],
    out_of_scope: [0, 0],
  };
  const start = { ...ANSWERABILITY_MODELS.localEmbedding, weights: {} };
  for (let shuffle = 0; shuffle < shuffles; shuffle += 1) {
    const foldOf = foldsByPage(
      rows.map((r) => r.q),
      folds,
      shuffle + 1,
    );
    for (let fold = 0; fold < folds; fold += 1) {
      const train = rows.filter((r) => foldOf.get(r.q.id) !== fold);
      const held = rows.filter((r) => foldOf.get(r.q.id) === fold);
      if (held.length === 0 || !train.some((r) => r.q.answerable)) continue;
      if (!train.some((r) => !r.q.answerable)) continue;
      const model = fit(
        train.map((r) => ({ f: r.f, y: r.q.answerable ? 1 : 0 })),
        features,
        start,
        options.steps,
      );
      const threshold = thresholdFor(DEFAULT_TARGET_FALSE_ANSWER_RATE, model.calibration);
      for (const r of held) {
        const tally = answered[kindOf(r.q)];
        tally[1] += 1;
        if (scoreOf(r.f, model) >= threshold) tally[0] += 1;
      }
    }
  }
  const rate = ([yes, all]: [number, number]) =>
    all === 0 ? 0 : Math.round((yes / all) * 1000) / 1000;
  return {
    answerable: rate(answered.answerable),
    near_miss: rate(answered.near_miss),
    out_of_scope: rate(answered.out_of_scope),
  };
}
