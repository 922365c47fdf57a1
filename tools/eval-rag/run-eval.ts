import { buildCorpus } from './corpus';
import type { RagDataset } from './dataset';
import { evaluateMode, type ModeMetrics, type QuestionOutcome } from './evaluate';
import { createRetriever } from './retriever';

export interface EvalReport {
  hybrid: ModeMetrics;
  vectorOnly: ModeMetrics;
  outcomes: { hybrid: QuestionOutcome[]; vectorOnly: QuestionOutcome[] };
  corpus: { pages: number; chunks: number; buildMs: number };
  answerable: number;
  unanswerable: number;
}

/** Builds the corpus and index once, then evaluates the questions with and without BM25 fusion. */
export async function runEval(dataset: RagDataset, dataDir: string): Promise<EvalReport> {
  const started = Date.now();
  const corpus = buildCorpus(dataset);
  const retriever = await createRetriever(corpus, dataDir);
  const buildMs = Date.now() - started;
  const hybrid = await evaluateMode(retriever.retrieve, dataset, true);
  const vectorOnly = await evaluateMode(retriever.retrieve, dataset, false);
  retriever.close();
  return {
    hybrid: hybrid.metrics,
    vectorOnly: vectorOnly.metrics,
    outcomes: { hybrid: hybrid.outcomes, vectorOnly: vectorOnly.outcomes },
    corpus: { pages: new Set(corpus.map((c) => c.page)).size, chunks: corpus.length, buildMs },
    answerable: dataset.answerable.length,
    unanswerable: dataset.unanswerable.length,
  };
}
