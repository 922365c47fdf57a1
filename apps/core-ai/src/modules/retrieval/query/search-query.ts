import type { AnswerRequest } from '@cxgenie/contracts';
import {
  type WeightedTerm,
  SYNONYM_GROUPS,
  conceptsOf,
  splitWords,
  stem,
  tokenizeForSearch,
} from '@cxgenie/text-processing';

/** One term of the question with the words that mean the same (general vocabulary). */
export interface QueryConcept {
  term: string;
  /** 1 for the customer's own words, lower for context carried over from the conversation. */
  weight: number;
  synonyms: string[];
}

/** What retrieval searches with: the text to embed and the weighted terms for full text. */
export interface SearchQuery {
  /** Embedded for the vector leg. */
  text: string;
  /**
   * The lexical leg's terms: the customer's own at weight 1, carried-over context below it, and
   * each one's synonyms at a fraction of its weight.
   */
  terms: WeightedTerm[];
  /** The question's terms as concepts: what coverage counts (a synonym covers its term). */
  concepts: QueryConcept[];
  /** The question as the customer wrote it. */
  question: string;
  /** The earlier question this one was read together with, when it is a follow-up. */
  context: string | null;
}

/**
 * Weight of a term carried over from the previous question: it says what the conversation is
 * about, the customer's new words say what they want now. Tuned on the dev split.
 */
export const CARRIED_TERM_WEIGHT = 0.5;
/** A question with at most this many search terms of its own cannot stand alone. */
const SHORT_QUESTION_TERMS = 3;
/** Opening words of an elliptical follow-up ("and for outgoing mail?", "what about Windows?"). */
const CONTINUATION =
  /^\s*(and|or|but|also|so|then|what about|how about|same for|and what|and how|and where|and can|and does|and is)\b/i;
/** Words that point back at something said before. */
const ANAPHORA = new Set(['it', 'that', 'this', 'those', 'them', 'they', 'there', 'its', 'one']);

/**
 * Weight of a word that means the same as one of the customer's (a general-vocabulary synonym
 * group): "stop" also searches "cancel", at a fraction of the customer's own word. Tuned on dev.
 */
export const SYNONYM_WEIGHT = 0.25;

/** The concepts of `text` at `weight`, each with its general-vocabulary synonyms. */
export function conceptsIn(
  text: string,
  weight: number,
  exclude: ReadonlySet<string> = new Set(),
): QueryConcept[] {
  const own = [...new Set(tokenizeForSearch(text))].filter((term) => !exclude.has(term));
  return own.map((term) => {
    const synonyms = new Set<string>();
    for (const concept of conceptsOf(term)) {
      for (const word of SYNONYM_GROUPS[Number(concept.slice(1))] ?? []) {
        const synonym = stem(word);
        if (synonym !== term) synonyms.add(synonym);
      }
    }
    return { term, weight, synonyms: [...synonyms] };
  });
}

/** The lexical leg's terms: each concept's term, and its synonyms not already in the query. */
export function termsOf(concepts: readonly QueryConcept[]): WeightedTerm[] {
  const terms = new Map<string, number>();
  for (const c of concepts) terms.set(c.term, Math.max(terms.get(c.term) ?? 0, c.weight));
  for (const c of concepts) {
    for (const synonym of c.synonyms) {
      if (!terms.has(synonym)) terms.set(synonym, c.weight * SYNONYM_WEIGHT);
    }
  }
  return [...terms].map(([term, weight]) => ({ term, weight }));
}

export function queryOf(question: string): SearchQuery {
  const concepts = conceptsIn(question, 1);
  return { text: question, terms: termsOf(concepts), concepts, question, context: null };
}

/** Whether a question only makes sense with the conversation before it. */
export function isFollowUp(question: string): boolean {
  if (CONTINUATION.test(question)) return true;
  if (new Set(tokenizeForSearch(question)).size <= SHORT_QUESTION_TERMS) return true;
  return splitWords(question).some((word) => ANAPHORA.has(word));
}

/**
 * The question made searchable on its own (without a model): a follow-up is read together with
 * the customer's previous question, whose terms join the query at a lower weight.
 */
export function standaloneQuery(question: string, history: AnswerRequest['history']): SearchQuery {
  const own = queryOf(question);
  const previous = [...history]
    .reverse()
    .find((turn) => turn.role === 'customer')
    ?.text.trim();
  if (!previous || !isFollowUp(question)) return own;
  const ownTerms = new Set(own.concepts.map((c) => c.term));
  const concepts = [...own.concepts, ...conceptsIn(previous, CARRIED_TERM_WEIGHT, ownTerms)];
  return {
    text: `${previous}\n${question}`,
    terms: termsOf(concepts),
    concepts,
    question,
    context: previous,
  };
}
