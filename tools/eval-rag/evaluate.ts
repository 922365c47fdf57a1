import type { RetrievedChunk } from '@cxgenie/contracts';
import { judgeEvidence } from '../../apps/core-ai/src/modules/answering/local';
import type { AnswerableQuestion, UnanswerableQuestion } from './dataset';
import type { Retriever } from './retriever';

export const RECALL_DEPTH = 5;

export interface ModeMetrics {
  /** Answerable questions with a gold-page chunk in the top 5. */
  recallAt5: number;
  /** Mean of 1 / rank of the first gold-page chunk (0 when none was returned). */
  mrr: number;
  /** Questions whose verdict matched: answerable -> enough, unanswerable -> not enough. */
  handoffAccuracy: number;
  /** Answerable questions judged enough. */
  answeredRate: number;
  /** Unanswerable questions judged not enough (handed off). */
  handedOffRate: number;
}

export interface QuestionOutcome {
  id: string;
  answerable: boolean;
  goldRank: number | null;
  enough: boolean;
  confidence: number;
  reason: string;
}

/** The page a chunk came from; the in-memory retriever and the real one both cite it as documentId. */
export type PageOf = (chunk: RetrievedChunk) => string | null;

const pageFromDocumentId: PageOf = (chunk) => chunk.documentId;

export async function evaluateMode(
  retriever: Retriever,
  questions: {
    answerable: readonly AnswerableQuestion[];
    unanswerable: readonly UnanswerableQuestion[];
  },
  hybrid: boolean,
  pageOf: PageOf = pageFromDocumentId,
): Promise<{ metrics: ModeMetrics; outcomes: QuestionOutcome[] }> {
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions.answerable) {
    const chunks = await retriever(q.question, { hybrid });
    const gold = new Set(q.pages);
    const index = chunks.findIndex((chunk) => gold.has(pageOf(chunk) ?? ''));
    outcomes.push(outcome(q.id, true, index < 0 ? null : index + 1, q.question, chunks));
  }
  for (const q of questions.unanswerable) {
    const chunks = await retriever(q.question, { hybrid });
    outcomes.push(outcome(q.id, false, null, q.question, chunks));
  }
  return { metrics: summarise(outcomes), outcomes };
}

function outcome(
  id: string,
  answerable: boolean,
  goldRank: number | null,
  question: string,
  chunks: RetrievedChunk[],
): QuestionOutcome {
  const verdict = judgeEvidence(question, chunks);
  return { id, answerable, goldRank, ...verdict };
}

function summarise(outcomes: readonly QuestionOutcome[]): ModeMetrics {
  const answerable = outcomes.filter((o) => o.answerable);
  const unanswerable = outcomes.filter((o) => !o.answerable);
  const share = (items: readonly QuestionOutcome[], test: (o: QuestionOutcome) => boolean) =>
    items.length === 0 ? 0 : items.filter(test).length / items.length;
  return {
    recallAt5: share(answerable, (o) => o.goldRank !== null && o.goldRank <= RECALL_DEPTH),
    mrr:
      answerable.length === 0
        ? 0
        : answerable.reduce((sum, o) => sum + (o.goldRank ? 1 / o.goldRank : 0), 0) /
          answerable.length,
    handoffAccuracy: share(outcomes, (o) => o.enough === o.answerable),
    answeredRate: share(answerable, (o) => o.enough),
    handedOffRate: share(unanswerable, (o) => !o.enough),
  };
}
