import {
  conceptsOf,
  isStopWord,
  splitWords,
  stem,
  termSpecificity,
} from '@cxgenie/text-processing';
import type { EmbeddingProvider, EmbeddingSpace } from '../embedding-provider';
import { addHashedFeature } from './feature-hash';

export const LOCAL_EMBEDDING_MODEL = 'local/hashed-ngrams-v1';

export interface LocalEmbeddingOptions {
  /** Vector length; more buckets, fewer collisions. Default 1024. */
  dimensions?: number;
}

/* One seed per feature family so a word, a bigram and a character n-gram never share a hash. */
const WORD_SEED = 0x9e3779b1;
const BIGRAM_SEED = 0x85ebca77;
const CHAR_SEED = 0xc2b2ae3d;
const CONCEPT_SEED = 0x27d4eb2f;

/* Relative weights of the three feature families, before L2 normalisation. */
const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.6;
const CHAR_GRAMS_WEIGHT = 0.5;
const CHAR_GRAM = 4;
const CONCEPT_WEIGHT = 0.5;

/**
 * Embeddings with no model, download or network: signed feature hashing of stemmed words, word
 * bigrams and character 4-grams, with sublinear term frequency and a static specificity weight
 * standing in for IDF. Lexical, not semantic, but deterministic and thousands of texts a second
 * on one core, so a bot answers from its knowledge base without any API key.
 */
export class LocalEmbeddingProvider implements EmbeddingProvider {
  readonly space: EmbeddingSpace;

  constructor(options: LocalEmbeddingOptions = {}) {
    const dimensions = options.dimensions ?? 1024;
    if (!Number.isInteger(dimensions) || dimensions < 16) {
      throw new RangeError('dimensions must be an integer >= 16');
    }
    this.space = { model: LOCAL_EMBEDDING_MODEL, dimensions };
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    const vectors: number[][] = [];
    for (const text of texts) {
      signal?.throwIfAborted();
      vectors.push(this.embedOne(text));
    }
    return vectors;
  }

  embedOne(text: string): number[] {
    const vector = new Float64Array(this.space.dimensions);
    const { stems, words, bigrams } = countFeatures(text);
    const concepts = new Map<string, number>();
    for (const [term, count] of stems) {
      const specificity = termSpecificity(term);
      addHashedFeature(vector, term, WORD_SEED, WORD_WEIGHT * sublinear(count) * specificity);
      for (const concept of conceptsOf(term)) {
        concepts.set(concept, (concepts.get(concept) ?? 0) + count);
      }
    }
    for (const [concept, count] of concepts) {
      addHashedFeature(vector, concept, CONCEPT_SEED, CONCEPT_WEIGHT * sublinear(count));
    }
    for (const [bigram, { count, specificity }] of bigrams) {
      addHashedFeature(vector, bigram, BIGRAM_SEED, BIGRAM_WEIGHT * sublinear(count) * specificity);
    }
    for (const [word, { count, specificity }] of words) {
      addCharGrams(vector, word, CHAR_GRAMS_WEIGHT * sublinear(count) * specificity);
    }
    return normalize(vector);
  }
}

const sublinear = (count: number): number => 1 + Math.log(count);

interface Counted {
  count: number;
  specificity: number;
}

function countFeatures(text: string): {
  stems: Map<string, number>;
  words: Map<string, Counted>;
  bigrams: Map<string, Counted>;
} {
  const stems = new Map<string, number>();
  const words = new Map<string, Counted>();
  const bigrams = new Map<string, Counted>();
  let previous: { term: string; specificity: number } | null = null;
  for (const word of splitWords(text)) {
    if (isStopWord(word) || (word.length < 2 && !/\d/.test(word))) continue;
    const term = stem(word);
    const specificity = termSpecificity(term);
    stems.set(term, (stems.get(term) ?? 0) + 1);
    increment(words, word, specificity);
    if (previous) {
      increment(bigrams, `${previous.term} ${term}`, Math.min(previous.specificity, specificity));
    }
    previous = { term, specificity };
  }
  return { stems, words, bigrams };
}

function increment(counts: Map<string, Counted>, key: string, specificity: number): void {
  const counted = counts.get(key);
  if (counted) counted.count++;
  else counts.set(key, { count: 1, specificity });
}

/**
 * Character 4-grams of the padded word ("<vacuum>" -> "<vac", "vacu", ...): they match across
 * inflections the stemmer misses, compounds (autovacuum) and small typos. Their weights add up to
 * `weight` in L2 terms, so a long word does not outweigh its own unigram.
 */
function addCharGrams(vector: Float64Array, word: string, weight: number): void {
  const padded = `<${word}>`;
  const grams = Math.max(1, padded.length - CHAR_GRAM + 1);
  const each = weight / Math.sqrt(grams);
  if (padded.length <= CHAR_GRAM) return addHashedFeature(vector, padded, CHAR_SEED, each);
  for (let i = 0; i + CHAR_GRAM <= padded.length; i++) {
    addHashedFeature(vector, padded.slice(i, i + CHAR_GRAM), CHAR_SEED, each);
  }
}

function normalize(vector: Float64Array): number[] {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  const norm = Math.sqrt(sumOfSquares);
  const unit = new Array<number>(vector.length);
  // An empty or all-stop-word text has no features; the contract still promises unit length.
  if (norm === 0) {
    unit.fill(0);
    unit[0] = 1;
    return unit;
  }
  for (let i = 0; i < vector.length; i++) unit[i] = vector[i]! / norm;
  return unit;
}
