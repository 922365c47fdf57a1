import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToStructuredText } from '@cxgenie/text-processing';
import { BAR } from './bar';
import { buildCorpus, corpusPages } from './corpus';
import { type RagDataset, loadDataset } from './dataset';
import { evaluateMode } from './evaluate';
import { createRetriever } from './retriever';
import { testEnv } from '@cxgenie/testing';

const ROOT = join(__dirname, '../..');

/** Every fifth answerable and every third unanswerable question: a fixed, spread-out slice. */
function slice(dataset: RagDataset): RagDataset {
  return {
    ...dataset,
    answerable: dataset.answerable.filter((_, i) => i % 5 === 0).slice(0, 10),
    unanswerable: dataset.unanswerable.filter((_, i) => i % 3 === 0).slice(0, 5),
  };
}

describe('RAG evaluation on the PostgreSQL manual', () => {
  let dataset: RagDataset;

  beforeAll(() => {
    // Installs the manual when missing, exactly as `npm run eval:rag` does: never a silent skip.
    const ensure = spawnSync('bash', ['scripts/eval-rag.sh', '--ensure-only'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (ensure.status !== 0) throw new Error(`eval-rag --ensure-only failed:\n${ensure.stderr}`);
    dataset = loadDataset();
  }, 320_000);

  it('has enough questions, and each answer really is on a gold page', () => {
    expect(dataset.answerable.length).toBeGreaterThanOrEqual(40);
    expect(dataset.unanswerable.length).toBeGreaterThanOrEqual(15);
    const collapse = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
    for (const question of dataset.answerable) {
      const found = question.pages.some((page) => {
        const html = readFileSync(join(dataset.docsDir, page), 'utf8');
        return collapse(htmlToStructuredText(html).text).includes(collapse(question.evidence));
      });
      if (!found)
        throw new Error(`${question.id}: "${question.evidence}" is on none of ${question.pages}`);
    }
  });

  it('meets the bar on a slice with local embeddings, hybrid search and the local verdict', async () => {
    const questions = slice(dataset);
    const corpus = buildCorpus(dataset, corpusPages(dataset));
    expect(new Set(corpus.map((chunk) => chunk.partition)).size).toBe(4);
    const retriever = await createRetriever(corpus, join(testEnv().DATA_DIR, 'eval-rag'));
    const { metrics } = await evaluateMode(retriever.retrieve, questions, true);
    retriever.close();
    expect(metrics.recallAt5).toBeGreaterThanOrEqual(BAR.recallAt5);
    expect(metrics.handoffAccuracy).toBeGreaterThanOrEqual(BAR.handoffAccuracy);
  }, 120_000);
});
