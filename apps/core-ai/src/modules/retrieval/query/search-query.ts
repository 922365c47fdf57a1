import type { AnswerRequest } from '@cxgenie/contracts';
import {
  type WeightedTerm,
  SYNONYM_GROUPS,
  conceptsOf,
  splitWords,
  stem,
  tokenizeForSearch,
} from '@cxgenie/text-processing';

/** What retrieval searches with: the text to embed and the weighted terms for full text. */
export interface SearchQuery {
  /** Embedded for the vector leg. */
  text: string;
  /** The lexical leg's terms: the customer's own at weight 1, carried-over context below it. */
  terms: WeightedTerm[];
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

/** The terms of `text` at `weight`, and their synonyms at a fraction of it. */
export function weightedTerms(text: string, weight: number, exclude: ReadonlySet<string> = new Set()): WeightedTerm[] {
  const own = [...new Set(tokenizeForSearch(text))].filter((term) => !exclude.has(term));
  const taken = new Set([...exclude, ...own]);
  const synonyms: WeightedTerm[] = [];
  if (SYNONYM_WEIGHT > 0) {
    for (const term of own) {
      for (const concept of conceptsOf(term)) {
        for (const word of SYNONYM_GROUPS[Number(concept.slice(1))] ?? []) {
          const synonym = stem(word);
          if (taken.has(synonym)) continue;
          taken.add(synonym);
          synonyms.push({ term: synonym, weight: weight * SYNONYM_WEIGHT });
        }
      }
    }
  }
  return [...own.map((term) => ({ term, weight })), ...synonyms];
}

export const queryOf = (question: string): SearchQuery => ({
  text: question,
  terms: weightedTerms(question, 1),
  question,
  context: null,
});

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
export function standaloneQuery(
  question: string,
  history: AnswerRequest['history'],
): SearchQuery {
  const own = queryOf(question);
  const previous = [...history].reverse().find((turn) => turn.role === 'customer')?.text.trim();
  if (!previous || !isFollowUp(question)) return own;
  const ownTerms = new Set(own.terms.map((t) => t.term));
  const carried = weightedTerms(previous, CARRIED_TERM_WEIGHT, ownTerms);
  return {
    text: `${previous}\n${question}`,
    terms: [...own.terms, ...carried],
    question,
    context: previous,
  };
}
