/*
 * `npm run eval:rag`: answer quality of the no-API-key stack on two kinds of public documentation
 * (scripts/eval-rag.sh installs them from Debian packages first), next to plain BM25.
 *
 * The questions are split by document into dev and test (split.json, written once before any
 * tuning). Everything is tuned on dev; the test split is reported, never inspected question by
 * question: --verbose prints dev outcomes only.
 *
 * Flags: --dev-only (skip test), --verbose (dev outcomes), --fit (fit the answerability model on
 * dev and print it), --no-widget (skip the end-to-end run through the widget). Error analysis on
 * dev only: --placement (where each answer quote sits: top 5, re-ranked lower, outside the pool),
 * --cv (the answerability model cross-validated by page: its five features, and each logged one
 * added).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { dirname, join } from 'node:path';
import { DEFAULT_TARGET_FALSE_ANSWER_RATE } from '../../apps/core-ai/src/modules/answering/evidence/answerability';
import type { RetrievalResult } from '../../apps/core-ai/src/modules/retrieval/retrieval.service';
import { chunkPages, fixedSizeChunks, readPages } from './corpus';
import { type Question, loadDataset, splitOfQuestion } from './dataset';
import {
  EVIDENCE_FEATURES,
  SCORED_FEATURES,
  evidenceFeatures,
} from '../../apps/core-ai/src/modules/answering/evidence/evidence-features';
import { type EvidenceRow, crossValidate } from './cross-validate';
import { fitAnswerability } from './fit';
import { type Placement, quotePlacement } from './quote-placement';
import { type Scored, goldRank, quoteInTop5, summarise, thresholdForRate } from './metrics';
import { type EvalSystem, createBm25System, createOurSystem } from './systems';
import { runWidgetEval } from './widget-eval';

const RESULTS_PATH = join(__dirname, '../../bench/results/rag-eval.json');
const args = new Set(process.argv.slice(2));

async function run(system: EvalSystem, questions: readonly Question[]): Promise<Scored[]> {
  const scored: Scored[] = [];
  for (const q of questions) scored.push({ q, o: await system.ask(q) });
  return scored;
}

function table(columns: Record<string, Record<string, number>>): void {
  const keys = Object.keys(Object.values(columns)[0]!);
  const names = Object.keys(columns);
  const rows = [
    ['', ...names],
    ...keys.map((k) => [k, ...names.map((n) => String(columns[n]![k]))]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
}

function printDevOutcomes(scored: readonly Scored[]): void {
  for (const s of scored) {
    const ok = s.o.answered === s.q.answerable ? 'ok ' : 'BAD';
    const kind = s.q.answerable ? 'A' : s.q.kind === 'near_miss' ? 'N' : 'O';
    console.log(
      `${ok} ${kind} ${s.q.id.padEnd(30)} rank=${goldRank(s) ?? '-'} quote5=${quoteInTop5(s) ? 'y' : 'n'} ` +
        `score=${s.o.score.toFixed(3)} ${JSON.stringify(s.o.features ?? {})}`,
    );
    if (s.q.answerable && s.o.answered && args.has('--answers')) {
      console.log(
        `      Q: ${s.q.question}\n      A: ${s.o.answer.replace(/\n/g, ' / ').slice(0, 400)}`,
      );
    }
  }
}

type Retrieves = { retrieve(q: Question): Promise<RetrievalResult> };

/** Dev's answer quotes by where retrieval left them, with each one's rank in the re-ranked pool. */
async function printPlacements(system: Retrieves, dev: readonly Question[]): Promise<void> {
  const byPlacement: Record<Placement, string[]> = { top5: [], reranked: [], outside: [] };
  for (const q of dev) {
    if (!q.answerable) continue;
    const found = await system.retrieve(q);
    const { placement, poolRank } = quotePlacement(
      found.chunks.map((c) => c.text),
      found.candidates.map((c) => c.chunk.text),
      q.quote,
    );
    byPlacement[placement].push(placement === 'reranked' ? `${q.id} (${poolRank})` : q.id);
  }
  console.log('\ndev answer quotes by placement');
  for (const [placement, ids] of Object.entries(byPlacement)) {
    console.log(
      `${placement.padEnd(9)} ${String(ids.length).padStart(3)}  ${placement === 'top5' ? '' : ids.join(', ')}`,
    );
  }
}

/** The answerability model's held-out answer rates, on its features and with each other one. */
async function printCrossValidation(system: Retrieves, dev: readonly Question[]): Promise<void> {
  const rows: EvidenceRow[] = [];
  for (const q of dev) rows.push({ q, f: evidenceFeatures(await system.retrieve(q)) });
  const sets: Record<string, (typeof EVIDENCE_FEATURES)[number][]> = {
    scored: [...SCORED_FEATURES],
  };
  for (const extra of EVIDENCE_FEATURES) {
    if (!(SCORED_FEATURES as readonly string[]).includes(extra))
      sets[`+${extra}`] = [...SCORED_FEATURES, extra];
  }
  console.log(
    '\nanswerability cross-validated on dev (5 folds by page, 12 shuffles): share answered',
  );
  table(
    Object.fromEntries(
      Object.entries(sets).map(([name, features]) => [name, { ...crossValidate(rows, features) }]),
    ),
  );
}

async function main(): Promise<void> {
  // Each answer logs its answerability; the table says it all here.
  Logger.overrideLogger(['warn', 'error']);
  const dataset = loadDataset();
  for (const corpus of dataset.corpora) {
    if (!existsSync(corpus.docs_dir)) {
      throw new Error(
        `${corpus.docs_dir} is missing: run 'bash scripts/eval-rag.sh' to install it`,
      );
    }
  }
  const started = Date.now();
  const pages = new Map(dataset.corpora.map((c) => [c.id, readPages(c)]));
  const ourChunks = new Map([...pages].map(([id, p]) => [id, chunkPages(p)]));
  const baselineChunks = new Map([...pages].map(([id, p]) => [id, fixedSizeChunks(p)]));
  const ours = await createOurSystem(ourChunks, join(process.cwd(), '.data', 'eval-rag'));
  console.log(
    `corpora: ${[...pages].map(([id, p]) => `${id} ${p.length} pages / ${ourChunks.get(id)!.length} chunks`).join(', ')}; built in ${Date.now() - started} ms`,
  );
  const dev = dataset.questions.filter((q) => splitOfQuestion(dataset, q) === 'dev');
  const test = dataset.questions.filter((q) => splitOfQuestion(dataset, q) === 'test');
  console.log(`questions: ${dev.length} dev, ${test.length} test`);

  if (args.has('--fit')) {
    await fitAnswerability(ours, dev);
    ours.close();
    return;
  }
  if (args.has('--placement') || args.has('--cv')) {
    if (args.has('--placement')) await printPlacements(ours, dev);
    if (args.has('--cv')) await printCrossValidation(ours, dev);
    ours.close();
    return;
  }

  // The baseline's threshold is set on dev exactly as ours: the target false-answer rate.
  let bm25Threshold = 0;
  const bm25 = createBm25System(baselineChunks, () => bm25Threshold);
  const bm25DevRaw = await run(bm25, dev);
  bm25Threshold = thresholdForRate(
    bm25DevRaw.filter((s) => !s.q.answerable).map((s) => s.o.score),
    DEFAULT_TARGET_FALSE_ANSWER_RATE,
  );
  const bm25Dev = await run(bm25, dev);
  const oursDev = await run(ours, dev);
  if (args.has('--verbose')) printDevOutcomes(oursDev);
  console.log('\ndev split');
  table({ ours: { ...summarise(oursDev) }, bm25: { ...summarise(bm25Dev) } });
  if (args.has('--dev-only')) {
    ours.close();
    return;
  }
  const oursTest = summarise(await run(ours, test));
  const bm25Test = summarise(await run(bm25, test));
  ours.close();
  console.log('\ntest split (reported; never inspected question by question)');
  table({ ours: { ...oursTest }, bm25: { ...bm25Test } });

  const widget = args.has('--no-widget') ? null : await runWidgetEval(dataset, test);
  if (widget) {
    console.log('\ntest split through the widget, end to end');
    table({ widget: { ...widget.metrics } });
  }
  const prefixed = (prefix: string, m: object) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [`${prefix}${k}`, v]));
  const results = {
    ...prefixed('', oursTest),
    ...prefixed('bm25_', bm25Test),
    ...(widget ? prefixed('widget_', widget.metrics) : {}),
    ...(widget ? { widget_ingest_s: widget.ingestSeconds } : {}),
    ...prefixed('dev_', summarise(oursDev)),
    ...prefixed('dev_bm25_', summarise(bm25Dev)),
  };
  mkdirSync(dirname(RESULTS_PATH), { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${RESULTS_PATH}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
