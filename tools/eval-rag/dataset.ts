import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DATASET_DIR = join(__dirname, '../../bench/datasets/rag');

/** One documentation set installed from a Debian package: what a business would upload. */
export interface Corpus {
  id: string;
  name: string;
  kind: string;
  debian_package: string;
  docs_dir: string;
  include_prefixes: string[];
  include_suffixes: string[];
  include_pages: string[];
  exclude_pages: string[];
}

export interface Turn {
  role: 'customer' | 'bot';
  text: string;
}

interface QuestionBase {
  id: string;
  corpus: string;
  question: string;
  /** Earlier turns of the conversation: the question may only make sense after them. */
  history?: Turn[];
  /** Tuned on before this set existed: never in the test split. */
  legacy?: boolean;
}

export interface AnswerableQuestion extends QuestionBase {
  answerable: true;
  /** Pages (file names) that answer the question. */
  pages: string[];
  /** The answer, verbatim from one of `pages` (whitespace and quote marks normalised). */
  quote: string;
}

export interface UnanswerableQuestion extends QuestionBase {
  answerable: false;
  /** near_miss: a page discusses the topic but does not answer; out_of_scope: nothing does. */
  kind: 'near_miss' | 'out_of_scope';
  /** The pages a near miss is near to (they decide its split). */
  near?: string[];
  note?: string;
}

export type Question = AnswerableQuestion | UnanswerableQuestion;
export type Split = 'dev' | 'test';

export interface RagDataset {
  corpora: Corpus[];
  questions: Question[];
  /** corpus id -> page -> split, as written once to split.json. */
  split: Record<string, Record<string, Split>>;
}

export function loadDataset(dir = DATASET_DIR): RagDataset {
  const { corpora } = JSON.parse(readFileSync(join(dir, 'corpora.json'), 'utf8')) as {
    corpora: Corpus[];
  };
  const { questions } = JSON.parse(readFileSync(join(dir, 'questions.json'), 'utf8')) as {
    questions: Question[];
  };
  const { documents } = JSON.parse(readFileSync(join(dir, 'split.json'), 'utf8')) as {
    documents: RagDataset['split'];
  };
  const ids = questions.map((q) => q.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`duplicate question id ${duplicate}`);
  return { corpora, questions, split: documents };
}

/** The corpus's pages, sorted: the same knowledge every run. */
export function corpusPages(corpus: Corpus): string[] {
  return readdirSync(corpus.docs_dir)
    .filter((file) => file.endsWith('.html') && !corpus.exclude_pages.includes(file))
    .filter(
      (file) =>
        corpus.include_pages.includes(file) ||
        corpus.include_prefixes.some((prefix) => file.startsWith(prefix)) ||
        corpus.include_suffixes.some((suffix) => file.endsWith(suffix)),
    )
    .sort();
}

/*
 * The split rule, applied once (tools/eval-rag/make-split.ts wrote split.json before any tuning):
 * a page is dev when the first byte of sha256("cxgenie-rag-split-v1:<corpus>/<page>") is below
 * 128, else test; the pages of legacy questions are dev whatever the hash says, because the
 * retrieval was tuned on those questions before this set existed.
 */
export const SPLIT_SALT = 'cxgenie-rag-split-v1';

export function hashedSplit(corpus: string, page: string): Split {
  return createHash('sha256').update(`${SPLIT_SALT}:${corpus}/${page}`).digest()[0]! < 128
    ? 'dev'
    : 'test';
}

export function splitDocuments(
  corpora: readonly Corpus[],
  questions: readonly Question[],
): RagDataset['split'] {
  const legacyPages = new Set(
    questions.filter((q) => q.legacy).flatMap((q) => pagesOf(q).map((p) => `${q.corpus}/${p}`)),
  );
  return Object.fromEntries(
    corpora.map((corpus) => [
      corpus.id,
      Object.fromEntries(
        corpusPages(corpus).map((page) => [
          page,
          legacyPages.has(`${corpus.id}/${page}`) ? 'dev' : hashedSplit(corpus.id, page),
        ]),
      ),
    ]),
  );
}

export const pagesOf = (q: Question): string[] => (q.answerable ? q.pages : (q.near ?? []));

/**
 * A question's split follows its documents: an answerable question's pages, a near miss's
 * neighbouring pages. A question with no pages (out of scope) is split by its id the same way.
 */
export function splitOfQuestion(dataset: RagDataset, q: Question): Split {
  if (q.legacy) return 'dev';
  const pages = pagesOf(q);
  if (pages.length === 0) return hashedSplit(q.corpus, `question:${q.id}`);
  const splits = new Set<Split | undefined>(pages.map((page) => dataset.split[q.corpus]?.[page]));
  if (splits.size !== 1 || splits.has(undefined)) {
    throw new Error(`${q.id}: its pages ${pages.join(', ')} are not all in one split`);
  }
  return [...splits][0]!;
}

export function questionsOf(dataset: RagDataset, split: Split | 'all'): Question[] {
  return dataset.questions.filter((q) => split === 'all' || splitOfQuestion(dataset, q) === split);
}

/**
 * Text as a quote is compared: Unicode-normalised, lowercase, curly quotes straightened, markdown
 * emphasis and table bars dropped, whitespace collapsed. A chunk "holds" a quote when its
 * normalised text contains the normalised quote.
 */
export function normalizeForQuote(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[*`|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const holdsQuote = (text: string, quote: string): boolean =>
  normalizeForQuote(text).includes(normalizeForQuote(quote));
