import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AnswerableQuestion {
  id: string;
  question: string;
  /** Manual pages (file names) whose content answers the question. */
  pages: string[];
  /** A phrase one of `pages` contains, proving the answer is there. */
  evidence: string;
}

export interface UnanswerableQuestion {
  id: string;
  question: string;
}

export interface RagDataset {
  docsDir: string;
  /** Pages whose names start with one of these are in the corpus as distractors. */
  includePrefixes: string[];
  answerable: AnswerableQuestion[];
  unanswerable: UnanswerableQuestion[];
}

export const DATASET_PATH = join(__dirname, '../../bench/datasets/rag/postgres-questions.json');

interface DatasetFile {
  docs_dir: string;
  corpus: { include_prefixes: string[] };
  answerable: AnswerableQuestion[];
  unanswerable: UnanswerableQuestion[];
}

export function loadDataset(path = DATASET_PATH): RagDataset {
  const file = JSON.parse(readFileSync(path, 'utf8')) as DatasetFile;
  const ids = [...file.answerable, ...file.unanswerable].map((q) => q.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`duplicate question id ${duplicate} in ${path}`);
  return {
    docsDir: file.docs_dir,
    includePrefixes: file.corpus.include_prefixes,
    answerable: file.answerable,
    unanswerable: file.unanswerable,
  };
}
