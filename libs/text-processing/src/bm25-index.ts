import { tokenizeForSearch } from './search-tokenizer';

export interface Bm25Options {
  /** Term-frequency saturation. */
  k1?: number;
  /** Document-length normalisation, 0 (none) to 1 (full). */
  b?: number;
  /** Text to terms; defaults to `tokenizeForSearch` (stemmed, stop words removed). */
  tokenize?: (text: string) => string[];
}

export interface Bm25Hit {
  id: string;
  score: number;
}

interface IndexedDoc {
  id: string;
  length: number;
  termFrequencies: Map<string, number>;
}

/**
 * Okapi BM25 over an in-memory set of documents, e.g. one bot partition's chunks. Re-adding an id
 * replaces that document; removal keeps statistics exact, so the index can follow live edits.
 */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly tokenize: (text: string) => string[];
  private readonly docs = new Map<string, IndexedDoc>();
  /** term -> id -> term frequency in that document. */
  private readonly postings = new Map<string, Map<string, number>>();
  private totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.tokenize = options.tokenize ?? tokenizeForSearch;
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  add(id: string, text: string): void {
    this.remove(id);
    const terms = this.tokenize(text);
    const termFrequencies = new Map<string, number>();
    for (const term of terms) termFrequencies.set(term, (termFrequencies.get(term) ?? 0) + 1);
    for (const [term, frequency] of termFrequencies) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(id, frequency);
    }
    this.docs.set(id, { id, length: terms.length, termFrequencies });
    this.totalLength += terms.length;
  }

  remove(id: string): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    for (const term of doc.termFrequencies.keys()) {
      const posting = this.postings.get(term);
      posting?.delete(id);
      if (posting?.size === 0) this.postings.delete(term);
    }
    this.docs.delete(id);
    this.totalLength -= doc.length;
    return true;
  }

  /** Lucene's BM25 IDF: never negative, so a term in most documents still counts a little. */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    return Math.log(1 + (this.docs.size - df + 0.5) / (df + 0.5));
  }

  /** The `topK` best documents for `query`, best first; documents sharing no term are left out. */
  score(query: string, topK = 10): Bm25Hit[] {
    const scores = this.scoreAll(query);
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, Math.max(0, topK));
  }

  /** BM25 score of every document sharing a term with `query`. */
  scoreAll(query: string): Map<string, number> {
    const scores = new Map<string, number>();
    if (this.docs.size === 0) return scores;
    const averageLength = this.totalLength / this.docs.size || 1;
    for (const term of new Set(this.tokenize(query))) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term);
      for (const [id, frequency] of posting) {
        const length = this.docs.get(id)!.length;
        const norm = this.k1 * (1 - this.b + (this.b * length) / averageLength);
        const termScore = (idf * frequency * (this.k1 + 1)) / (frequency + norm);
        scores.set(id, (scores.get(id) ?? 0) + termScore);
      }
    }
    return scores;
  }
}
