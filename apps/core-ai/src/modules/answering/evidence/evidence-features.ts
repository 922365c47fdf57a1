import { termSpecificity, tokenizeForSearch } from '@cxgenie/text-processing';
import type { RetrievalResult } from '../../retrieval/retrieval.service';
import { RERANK_WEIGHTS } from '../../retrieval/rerank';
import { coverage, isCustomerSpecific, questionIdf } from '../../retrieval/query/concept-coverage';

/** What retrieval says about one question, as comparable numbers in 0..1. */
export interface EvidenceFeatures {
  /** The best candidate's re-ranker score, relative to the highest it can be. */
  relevance: number;
  /** The best share of the question's (IDF-weighted) terms one top chunk holds. */
  coverage: number;
  /** The best share one sentence of a top chunk holds: the terms together, in one place. */
  proximity: number;
  /** The share the top chunks hold between them. */
  unionCoverage: number;
  /** The best share of the question's terms in a top chunk's title and headings. */
  headingCoverage: number;
  /** The best cosine similarity. */
  cosine: number;
  /** How far the two legs agree: the share of the vector top 5 that is also in the full-text top 5. */
  agreement: number;
  /** The share of the question's specific terms that appear nowhere in the bot's knowledge. */
  unknownTerms: number;
  /** 1 when the question names something (MySQL, Grafana) the knowledge never mentions. */
  missingName: number;
  /**
   * The share of the names in the question (Java, Kubernetes) that the knowledge mentions but none
   * of the top chunks does: a near miss, where the topic is there and the named thing is not.
   */
  nameAwayFromTop: number;
}

export const EVIDENCE_FEATURES = [
  'relevance',
  'coverage',
  'proximity',
  'unionCoverage',
  'headingCoverage',
  'cosine',
  'agreement',
  'unknownTerms',
  'missingName',
  'nameAwayFromTop',
] as const satisfies readonly (keyof EvidenceFeatures)[];

/**
 * The features the answerability score reads (all of them are logged and shown). Fitted on a few
 * dozen unanswerable questions, ten features over-fitted: cross-validated by page on dev (5 folds,
 * 12 shuffles), the ten-feature model answered 60 % of the answerable questions it had not seen
 * and these five 75 %, both answering 14 % of the unseen near misses. Proximity, union and heading
 * coverage, the re-ranker's relevance and the legs' agreement mostly repeat coverage and the
 * cosine. See ADR 0054.
 */
export const SCORED_FEATURES = [
  'coverage',
  'cosine',
  'unknownTerms',
  'missingName',
  'nameAwayFromTop',
] as const satisfies readonly (keyof EvidenceFeatures)[];

const TOP = 5;
const MAX_RELEVANCE = Object.values(RERANK_WEIGHTS).reduce((sum, w) => sum + w, 0);

export function evidenceFeatures(retrieval: RetrievalResult): EvidenceFeatures {
  const { candidates, knowledge, query } = retrieval;
  const top = candidates.slice(0, TOP);
  const max = (values: number[]) => Math.max(0, ...values);
  const inTop = new Set(
    top.flatMap((c) =>
      tokenizeForSearch(`${c.chunk.title}\n${c.chunk.headingPath}\n${c.chunk.text}`),
    ),
  );
  const known = (term: string) => knowledge.index.documentFrequency(term) > 0;
  const unionCoverage = coverage(query.concepts, questionIdf(knowledge.index), inTop, known);
  const byVector = candidates
    .filter((c) => c.vectorRank !== null)
    .sort((a, b) => a.vectorRank! - b.vectorRank!)
    .slice(0, TOP);
  const byLexical = new Set(
    candidates
      .filter((c) => c.lexicalRank !== null)
      .sort((a, b) => a.lexicalRank! - b.lexicalRank!)
      .slice(0, TOP)
      .map((c) => c.chunk.id),
  );
  const own = query.concepts.filter(
    (c) => c.weight >= 1 && termSpecificity(c.term) >= 1 && !isCustomerSpecific(c.term),
  );
  const unknown = own.filter((t) => knowledge.index.documentFrequency(t.term) === 0);
  const names = namesIn(query.question)
    .map((name) => tokenizeForSearch(name))
    .filter((terms) => terms.length > 0);
  const missingName = names.some((terms) =>
    terms.every((t) => knowledge.index.documentFrequency(t) === 0),
  );
  const knownNames = names.filter((terms) => terms.some(known));
  const awayFromTop = knownNames.filter((terms) => !terms.some((t) => inTop.has(t)));
  return {
    relevance: top[0] ? Math.min(1, top[0].relevance / MAX_RELEVANCE) : 0,
    coverage: max(top.map((c) => c.features.coverage)),
    proximity: max(top.map((c) => c.features.proximity)),
    unionCoverage,
    headingCoverage: max(top.map((c) => c.features.headingCoverage)),
    cosine: max(candidates.map((c) => c.cosine ?? 0)),
    // Out of what there is to agree on: a bot with three chunks can share at most three.
    agreement:
      byVector.length === 0 || byLexical.size === 0
        ? 0
        : byVector.filter((c) => byLexical.has(c.chunk.id)).length /
          Math.min(byVector.length, byLexical.size),
    unknownTerms: own.length === 0 ? 0 : unknown.length / own.length,
    missingName: missingName ? 1 : 0,
    nameAwayFromTop: knownNames.length === 0 ? 0 : awayFromTop.length / knownNames.length,
  };
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}_'’./+-]*[\p{L}\p{N}+]|[\p{L}\p{N}]/gu;

/**
 * Words written as names: capitalised away from a sentence start (Shopify, EDB), or with a capital
 * inside (MySQL, iPhone).
 */
export function namesIn(question: string): string[] {
  const names: string[] = [];
  for (const match of question.matchAll(WORD)) {
    const word = match[0];
    const before = question.slice(0, match.index).trimEnd();
    const sentenceStart = before === '' || /[.!?:]$/.test(before);
    const innerCapital = /\p{Lu}/u.test(word.slice(1));
    const capitalised = /^\p{Lu}/u.test(word);
    if (word === 'I' || /^I['’]/.test(word)) continue;
    if (innerCapital || (capitalised && !sentenceStart)) names.push(word);
  }
  return names;
}
