/*
 * Writes bench/datasets/rag/split.json from the rule in dataset.ts. Run once, before tuning; the
 * spec checks the committed file still matches the rule and the corpora, so no document can move
 * between splits unnoticed. Usage: node scripts/run-ts.js tools/eval-rag/make-split.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET_DIR, SPLIT_SALT, type Corpus, type Question, splitDocuments } from './dataset';

const read = <T>(name: string): T => JSON.parse(readFileSync(join(DATASET_DIR, name), 'utf8')) as T;
const { corpora } = read<{ corpora: Corpus[] }>('corpora.json');
const { questions } = read<{ questions: Question[] }>('questions.json');
const documents = splitDocuments(corpora, questions);
const file = {
  rule: `dev when sha256("${SPLIT_SALT}:<corpus>/<page>")[0] < 128, else test; pages of legacy questions are dev`,
  documents,
};
writeFileSync(join(DATASET_DIR, 'split.json'), `${JSON.stringify(file, null, 2)}\n`);
for (const [corpus, pages] of Object.entries(documents)) {
  const values = Object.values(pages);
  console.log(
    `${corpus}: ${values.filter((s) => s === 'dev').length} dev, ${values.filter((s) => s === 'test').length} test pages`,
  );
}
