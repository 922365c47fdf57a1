import { harrellDavisQuantile } from '../../apps/core-ai/src/modules/answering/evidence/smoothed-quantile';
import { type Question, holdsQuote } from './dataset';
import type { Outcome } from './systems';

export interface Metrics {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Answerable questions with a gold page among the top 5 chunks. */
  page_recall_at_5: number;
  /** Mean of 1 / rank of the first gold-page chunk (0 when none was ranked). */
  page_mrr: number;
  /** Answerable questions with the answer quote inside one of the top 5 chunks. */
  answer_recall_at_5: number;
  /** Unanswerable questions answered anyway. */
  false_answer_rate: number;
  /** Answerable questions handed off. */
  false_handoff_rate: number;
  /** Questions decided right (answerable answered, unanswerable handed off). */
  handoff_accuracy: number;
  /** Answered answerable questions whose answer holds the quote. */
  answered_with_quote_rate: number;
}

export interface Scored {
  q: Question;
  o: Outcome;
}

const share = (items: readonly Scored[], test: (s: Scored) => boolean) =>
  items.length === 0 ? 0 : items.filter(test).length / items.length;

export function goldRank(s: Scored): number | null {
  if (!s.q.answerable) return null;
  const gold = new Set(s.q.pages);
  const index = s.o.rankedPages.findIndex((page) => gold.has(page));
  return index < 0 ? null : index + 1;
}

export const quoteInTop5 = (s: Scored): boolean =>
  s.q.answerable &&
  s.o.top5Texts.some((text) => holdsQuote(text, (s.q as { quote: string }).quote));

export function summarise(scored: readonly Scored[]): Metrics {
  const answerable = scored.filter((s) => s.q.answerable);
  const unanswerable = scored.filter((s) => !s.q.answerable);
  const answeredRight = answerable.filter((s) => s.o.answered);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    questions: scored.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    page_recall_at_5: round(share(answerable, (s) => (goldRank(s) ?? 99) <= 5)),
    page_mrr: round(
      answerable.length === 0
        ? 0
        : answerable.reduce((sum, s) => sum + (goldRank(s) ? 1 / goldRank(s)! : 0), 0) /
            answerable.length,
    ),
    answer_recall_at_5: round(share(answerable, quoteInTop5)),
    false_answer_rate: round(share(unanswerable, (s) => s.o.answered)),
    false_handoff_rate: round(share(answerable, (s) => !s.o.answered)),
    handoff_accuracy: round(share(scored, (s) => s.o.answered === s.q.answerable)),
    answered_with_quote_rate: round(
      share(answeredRight, (s) => holdsQuote(s.o.answer, (s.q as { quote: string }).quote)),
    ),
  };
}

/**
 * The score threshold for a target false-answer rate, from the unanswerable questions' scores (on
 * dev only): their (1 − target) quantile, estimated as the product's per-bot threshold is.
 */
export function thresholdForRate(unanswerableScores: readonly number[], target: number): number {
  return unanswerableScores.length === 0 ? 0 : harrellDavisQuantile(unanswerableScores, 1 - target);
}
