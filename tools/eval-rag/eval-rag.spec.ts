import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { htmlToStructuredText } from '@cxgenie/text-processing';
import { testEnv } from '@cxgenie/testing';
import { chunkPages, fixedSizeChunks, readPages } from './corpus';
import {
  type RagDataset,
  corpusPages,
  holdsQuote,
  loadDataset,
  pagesOf,
  splitDocuments,
  splitOfQuestion,
} from './dataset';
import { type Scored, summarise, thresholdForRate } from './metrics';
import { createBm25System, createOurSystem } from './systems';

const ROOT = join(__dirname, '../..');

describe('the RAG evaluation set', () => {
  let dataset: RagDataset;

  beforeAll(() => {
    // Installs the documentation when missing, exactly as `npm run eval:rag` does: never a skip.
    const ensure = spawnSync('bash', ['scripts/eval-rag.sh', '--ensure-only'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (ensure.status !== 0) throw new Error(`eval-rag --ensure-only failed:\n${ensure.stderr}`);
    dataset = loadDataset();
  }, 620_000);

  it('is large and varied enough: two corpora, 150+ questions, 30 % unanswerable, half of them near misses, follow-ups', () => {
    const { questions } = dataset;
    const unanswerable = questions.filter((q) => !q.answerable);
    expect(new Set(questions.map((q) => q.corpus))).toEqual(new Set(['postgresql', 'postfix']));
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(unanswerable.length / questions.length).toBeGreaterThanOrEqual(0.3);
    const nearMisses = unanswerable.filter((q) => !q.answerable && q.kind === 'near_miss');
    expect(nearMisses.length * 2).toBeGreaterThanOrEqual(unanswerable.length);
    expect(questions.filter((q) => q.history?.length).length).toBeGreaterThanOrEqual(10);
  });

  it('holds every answer quote verbatim on one of its pages, and every page in its corpus', () => {
    const texts = new Map<string, string>();
    const textOf = (dir: string, page: string) => {
      const key = join(dir, page);
      let text = texts.get(key);
      if (text === undefined) {
        text = htmlToStructuredText(readFileSync(key, 'utf8')).text;
        texts.set(key, text);
      }
      return text;
    };
    for (const corpus of dataset.corpora) {
      const pages = new Set(corpusPages(corpus));
      for (const q of dataset.questions.filter((x) => x.corpus === corpus.id)) {
        for (const page of pagesOf(q)) {
          if (!pages.has(page)) throw new Error(`${q.id}: ${page} is not in ${corpus.id}`);
        }
        if (!q.answerable) continue;
        const found = q.pages.some((page) => holdsQuote(textOf(corpus.docs_dir, page), q.quote));
        if (!found) throw new Error(`${q.id}: "${q.quote}" is on none of ${q.pages.join(', ')}`);
      }
    }
  });

  it('keeps the split made before tuning: by document, by the written rule, legacy questions in dev', () => {
    expect(dataset.split).toEqual(splitDocuments(dataset.corpora, dataset.questions));
    const splits = dataset.questions.map((q) => splitOfQuestion(dataset, q));
    const test = dataset.questions.filter((_, i) => splits[i] === 'test');
    expect(
      dataset.questions.filter((q) => q.legacy).every((q) => splitOfQuestion(dataset, q) === 'dev'),
    ).toBe(true);
    expect(test.length).toBeGreaterThanOrEqual(100);
    expect(test.filter((q) => !q.answerable).length).toBeGreaterThanOrEqual(30);
    // No document answers questions of both splits.
    const pageSplits = new Map<string, Set<string>>();
    dataset.questions.forEach((q, i) => {
      for (const page of pagesOf(q)) {
        const key = `${q.corpus}/${page}`;
        pageSplits.set(key, (pageSplits.get(key) ?? new Set()).add(splits[i]!));
      }
    });
    expect([...pageSplits.values()].every((set) => set.size === 1)).toBe(true);
  });

  it('on the dev questions of one corpus, finds and decides at least as well as plain BM25', async () => {
    Logger.overrideLogger(['error']);
    const corpus = dataset.corpora.find((c) => c.id === 'postfix')!;
    const pages = readPages(corpus);
    const dev = dataset.questions.filter(
      (q) => q.corpus === corpus.id && splitOfQuestion(dataset, q) === 'dev',
    );
    const ours = await createOurSystem(
      new Map([[corpus.id, chunkPages(pages)]]),
      join(testEnv().DATA_DIR, 'eval-rag-spec'),
    );
    const scoredOurs: Scored[] = [];
    for (const q of dev) scoredOurs.push({ q, o: await ours.ask(q) });
    ours.close();
    let threshold = 0;
    const bm25 = createBm25System(new Map([[corpus.id, fixedSizeChunks(pages)]]), () => threshold);
    const raw: Scored[] = [];
    for (const q of dev) raw.push({ q, o: await bm25.ask(q) });
    threshold = thresholdForRate(
      raw.filter((s) => !s.q.answerable).map((s) => s.o.score),
      0.05,
    );
    const scoredBm25: Scored[] = [];
    for (const q of dev) scoredBm25.push({ q, o: await bm25.ask(q) });
    const [mine, theirs] = [summarise(scoredOurs), summarise(scoredBm25)];
    expect(mine.page_recall_at_5).toBeGreaterThanOrEqual(theirs.page_recall_at_5);
    expect(mine.answer_recall_at_5).toBeGreaterThanOrEqual(theirs.answer_recall_at_5);
    expect(mine.handoff_accuracy).toBeGreaterThan(theirs.handoff_accuracy);
  }, 600_000);
});
