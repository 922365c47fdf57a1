import { BestK } from './best-k';
import { tokenizeForSearch } from './search-tokenizer';

/** The fields of a chunk the full-text index knows apart. */
export interface LexicalFields {
  /** The page or document title. */
  title: string;
  /** The headings above the chunk, outermost first (`Chapter > Section`). */
  headings: string;
  body: string;
}

/** How much a term found in each field counts, relative to the body (BM25F). */
export type FieldWeights = Readonly<Record<keyof LexicalFields, number>>;

export interface LexicalDocument extends LexicalFields {
  id: string;
  /** Results are ranked within groups (a bot's knowledge partitions). */
  group: string;
}

/** A document's terms per field, counted once and reusable across index rebuilds. */
export interface AnalyzedDocument {
  id: string;
  group: string;
  fields: Readonly<Record<keyof LexicalFields, ReadonlyMap<string, number>>>;
  lengths: Readonly<Record<keyof LexicalFields, number>>;
}

export interface WeightedTerm {
  term: string;
  /** How much this query term counts (1 for the customer's own words). */
  weight: number;
}

export interface LexicalHit {
  id: string;
  group: string;
  score: number;
}

export interface FieldedBm25Options {
  weights: FieldWeights;
  /** Term-frequency saturation. Default 1.2. */
  k1?: number;
  /** Length normalisation, 0 (none) to 1 (full). Default 0.75. */
  b?: number;
}

const FIELDS = ['title', 'headings', 'body'] as const;

const countTerms = (text: string): { counts: Map<string, number>; length: number } => {
  const counts = new Map<string, number>();
  const terms = tokenizeForSearch(text);
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { counts, length: terms.length };
};

export function analyzeDocument(doc: LexicalDocument): AnalyzedDocument {
  const title = countTerms(doc.title);
  const headings = countTerms(doc.headings);
  const body = countTerms(doc.body);
  return {
    id: doc.id,
    group: doc.group,
    fields: { title: title.counts, headings: headings.counts, body: body.counts },
    lengths: { title: title.length, headings: headings.length, body: body.length },
  };
}

interface Posting {
  docs: Int32Array;
  /** Field-weighted term frequency per document. */
  tfs: Float32Array;
}

/**
 * BM25F over a fixed set of documents (one bot's chunks): each field's term frequency is weighted
 * before saturation, so a term in a chunk's title or headings counts more than one in its body.
 * Postings are packed in typed arrays: a 10,000-chunk bot costs a few megabytes.
 */
export class FieldedBm25Index {
  private readonly ids: string[];
  /** Each document's group, as an index into `groupNames`. */
  private readonly groups: Int32Array;
  private readonly groupNames: string[] = [];
  private readonly lengths: Float32Array;
  /** Each document's length normalisation (the BM25 denominator's second term), once. */
  private readonly norms: Float64Array;
  private readonly postings = new Map<string, Posting>();
  private readonly averageLength: number;
  private readonly k1: number;
  private readonly b: number;

  constructor(documents: readonly AnalyzedDocument[], options: FieldedBm25Options) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    const { weights } = options;
    this.ids = documents.map((doc) => doc.id);
    const groupIndex = new Map<string, number>();
    this.groups = Int32Array.from(documents, (doc) => {
      let index = groupIndex.get(doc.group);
      if (index === undefined) {
        groupIndex.set(doc.group, (index = this.groupNames.length));
        this.groupNames.push(doc.group);
      }
      return index;
    });
    this.lengths = new Float32Array(documents.length);
    const building = new Map<string, { docs: number[]; tfs: number[] }>();
    documents.forEach((doc, index) => {
      this.lengths[index] = FIELDS.reduce(
        (sum, field) => sum + weights[field] * doc.lengths[field],
        0,
      );
      const tf = new Map<string, number>();
      for (const field of FIELDS) {
        for (const [term, count] of doc.fields[field]) {
          tf.set(term, (tf.get(term) ?? 0) + weights[field] * count);
        }
      }
      for (const [term, value] of tf) {
        let posting = building.get(term);
        if (!posting) building.set(term, (posting = { docs: [], tfs: [] }));
        posting.docs.push(index);
        posting.tfs.push(value);
      }
    });
    for (const [term, { docs, tfs }] of building) {
      this.postings.set(term, { docs: Int32Array.from(docs), tfs: Float32Array.from(tfs) });
    }
    const total = this.lengths.reduce((sum, length) => sum + length, 0);
    this.averageLength = documents.length > 0 ? total / documents.length || 1 : 1;
    this.norms = Float64Array.from(
      this.lengths,
      (length) => this.k1 * (1 - this.b + (this.b * length) / this.averageLength),
    );
  }

  get size(): number {
    return this.ids.length;
  }

  /** Documents containing the term (in any field). */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** Lucene's BM25 IDF: never negative. A term no document has gets the highest value. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.ids.length - df + 0.5) / (df + 0.5));
  }

  /** The best `perGroup` documents of each group for the query, best first overall. */
  search(query: readonly WeightedTerm[], perGroup: number): LexicalHit[] {
    // Dense accumulators: a common term touches thousands of documents.
    const scores = new Float64Array(this.ids.length);
    const touched: number[] = [];
    const weights = new Map<string, number>();
    for (const { term, weight } of query)
      weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    const { k1, norms } = this;
    for (const [term, weight] of weights) {
      const posting = this.postings.get(term);
      if (!posting || weight <= 0) continue;
      const idf = this.idf(term) * weight;
      const { docs, tfs } = posting;
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i]!;
        const tf = tfs[i]!;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (idf * tf * (k1 + 1)) / (tf + norms[doc]!);
      }
    }
    // Each group's best, kept as they come (thousands touched, a few dozen kept): by score, then
    // by document order, the order a full sort would give.
    const best = this.groupNames.map(() => new BestK(perGroup));
    for (const doc of touched) best[this.groups[doc]!]!.offer(doc, scores[doc]!);
    const hits: LexicalHit[] = [];
    best.forEach(({ items: docs, scores: kept }, group) => {
      docs.forEach((doc, i) =>
        hits.push({ id: this.ids[doc]!, group: this.groupNames[group]!, score: kept[i]! }),
      );
    });
    return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  }
}
