/*
 * `npm run eval:rag`: retrieval and handoff quality of the no-API-key stack (local embeddings,
 * BM25, local verdict) on real public documentation. scripts/eval-rag.sh installs the docs first.
 * Flags: --verbose prints every question's outcome.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadDataset } from './dataset';
import { type EvalReport, runEval } from './run-eval';
import { BAR, meetsBar } from './bar';

const RESULTS_PATH = join(__dirname, '../../bench/results/rag-eval.json');

const round = (value: number) => Math.round(value * 1000) / 1000;

function printTable(report: EvalReport): void {
  const rows = [
    ['', 'hybrid (vector + BM25)', 'vector only'],
    ['Recall@5', report.hybrid.recallAt5, report.vectorOnly.recallAt5],
    ['MRR', report.hybrid.mrr, report.vectorOnly.mrr],
    ['handoff accuracy', report.hybrid.handoffAccuracy, report.vectorOnly.handoffAccuracy],
    ['answerable -> answered', report.hybrid.answeredRate, report.vectorOnly.answeredRate],
    ['unanswerable -> handoff', report.hybrid.handedOffRate, report.vectorOnly.handedOffRate],
  ].map((row) => row.map((cell) => (typeof cell === 'number' ? round(cell).toFixed(3) : cell)));
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  for (const row of rows) console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join('  '));
}

function printOutcomes(report: EvalReport): void {
  for (const o of report.outcomes.hybrid) {
    const verdictOk = o.enough === o.answerable ? 'ok ' : 'BAD';
    console.log(
      `${verdictOk} ${o.answerable ? 'A' : 'U'} ${o.id.padEnd(26)} rank=${o.goldRank ?? '-'} ` +
        `enough=${o.enough} conf=${o.confidence.toFixed(2)} ${o.reason}`,
    );
  }
}

async function main(): Promise<void> {
  const dataset = loadDataset();
  if (!existsSync(dataset.docsDir)) {
    throw new Error(`${dataset.docsDir} is missing: run 'bash scripts/eval-rag.sh' to install it`);
  }
  const report = await runEval(dataset, join(process.cwd(), '.data', 'eval-rag'));
  console.log(
    `corpus: ${report.corpus.pages} pages, ${report.corpus.chunks} chunks, built and embedded in ` +
      `${report.corpus.buildMs} ms; ${report.answerable} answerable + ${report.unanswerable} unanswerable questions`,
  );
  if (process.argv.includes('--verbose')) printOutcomes(report);
  printTable(report);
  const results = {
    recall_at_5: round(report.hybrid.recallAt5),
    mrr: round(report.hybrid.mrr),
    handoff_accuracy: round(report.hybrid.handoffAccuracy),
    recall_at_5_vector_only: round(report.vectorOnly.recallAt5),
    mrr_vector_only: round(report.vectorOnly.mrr),
    handoff_accuracy_vector_only: round(report.vectorOnly.handoffAccuracy),
    answerable: report.answerable,
    unanswerable: report.unanswerable,
  };
  mkdirSync(dirname(RESULTS_PATH), { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${RESULTS_PATH}`);
  // The bar is the product's default path (hybrid); vector-only is reported for comparison.
  if (!meetsBar(report.hybrid)) {
    console.error(
      `eval-rag: hybrid retrieval is below the bar (Recall@5 >= ${BAR.recallAt5}, handoff accuracy >= ${BAR.handoffAccuracy})`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
