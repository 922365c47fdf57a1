import type { RetrievedChunk } from '@cxgenie/contracts';
import { contextualChunkText, termSpecificity, tokenizeForSearch } from '@cxgenie/text-processing';

/** What retrieval says about one question, summarised into a few comparable numbers. */
export interface EvidenceFeatures {
  /** Distinct search terms of the question. */
  questionTerms: string[];
  /** Best cosine similarity among the chunks. */
  topVectorScore: number;
  /** Share of the question's term weight found in the single best-covering chunk (0..1). */
  bestChunkCoverage: number;
  /** Share of the question's term weight found anywhere in the chunks (0..1). */
  unionCoverage: number;
  /** Names in the question (MySQL, Shopify, EDB) that no chunk mentions. */
  missingNames: string[];
}

export function evidenceFeatures(
  question: string,
  chunks: readonly RetrievedChunk[],
): EvidenceFeatures {
  const questionTerms = [...new Set(tokenizeForSearch(question))];
  const chunkTerms = chunks.map((chunk) => new Set(tokenizeForSearch(contextualChunkText(chunk))));
  const inAnyChunk = (term: string) => chunkTerms.some((terms) => terms.has(term));
  const totalWeight = questionTerms.reduce((sum, term) => sum + termSpecificity(term), 0);
  const coverage = (has: (term: string) => boolean) =>
    totalWeight === 0
      ? 0
      : questionTerms.reduce((sum, term) => sum + (has(term) ? termSpecificity(term) : 0), 0) /
        totalWeight;
  return {
    questionTerms,
    topVectorScore: Math.max(0, ...chunks.map((chunk) => chunk.vectorScore)),
    bestChunkCoverage: Math.max(
      0,
      ...chunkTerms.map((terms) => coverage((term) => terms.has(term))),
    ),
    unionCoverage: coverage(inAnyChunk),
    missingNames: namesIn(question).filter((name) => {
      const terms = tokenizeForSearch(name);
      return terms.length > 0 && !terms.some(inAnyChunk);
    }),
  };
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}_'’./+-]*[\p{L}\p{N}+]|[\p{L}\p{N}]/gu;

/**
 * Words written as names: capitalised away from a sentence start (Shopify, EDB), or with a capital
 * inside (MySQL, iPhone). A question about a product the knowledge never mentions is rarely one
 * the knowledge answers, however many of its everyday words match.
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
