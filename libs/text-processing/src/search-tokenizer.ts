import { porterStem } from './porter-stemmer';
import { COMMON_WORDS, STOP_WORDS } from './word-lists';

/** Letters and digits, with inner apostrophes (don't) and underscores (max_connections). */
const WORD = /[\p{L}\p{N}]+(?:['’_][\p{L}\p{N}]+)*/gu;

const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

/** Porter stem, memoised: real text repeats a small vocabulary, and stemming is the costly step. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = porterStem(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Lowercase NFKC words of `text`, stop words included, in order. */
export function splitWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(/’/g, "'").match(WORD) ?? [];
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * Search terms of `text`: lowercase words, stop words and lone letters removed, Porter-stemmed.
 * An identifier such as `max_connections` yields its parts and itself, so both "max connections"
 * and the exact setting name match it.
 */
export function tokenizeForSearch(text: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(text)) {
    if (word.includes('_')) {
      for (const part of word.split('_')) pushTerm(terms, part);
      terms.push(word);
    } else {
      pushTerm(terms, word);
    }
  }
  return terms;
}

function pushTerm(terms: string[], word: string): void {
  if (STOP_WORDS.has(word) || (word.length < 2 && !/\d/.test(word))) return;
  terms.push(stem(word.replace(/'/g, '')));
}

/**
 * How much a stemmed term says about a text's topic, without corpus statistics: everyday words
 * (use, need, way, time, ...) weigh little next to domain words (vacuum, replication, refund).
 */
export function termSpecificity(term: string): number {
  return COMMON_STEMS.has(term) ? COMMON_WORD_WEIGHT : 1;
}

export const COMMON_WORD_WEIGHT = 0.3;

const COMMON_STEMS: ReadonlySet<string> = new Set(
  [...COMMON_WORDS].map((word) => porterStem(word)),
);
