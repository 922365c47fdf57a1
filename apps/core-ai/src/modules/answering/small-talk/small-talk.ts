import {
  SMALL_TALK_INTENTS,
  type SmallTalkIntent,
  type SmallTalkSettings,
} from '@cxgenie/contracts';
import { FILLER_WORDS, SMALL_TALK_PHRASES, SMALL_TALK_REPLIES } from './small-talk-phrases';

export interface SmallTalk {
  intent: SmallTalkIntent;
  reply: string;
}

/** Lowercase words without accents or punctuation: "¿Cómo estás?" -> "como estas". */
export const normalizeChat = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

interface Phrase {
  words: string[];
  intent: SmallTalkIntent;
}

/** Phrases longest first, so "thank you very much" wins over "thank you". */
const PHRASES: readonly Phrase[] = SMALL_TALK_INTENTS.flatMap((intent) =>
  SMALL_TALK_PHRASES[intent].map((phrase) => ({ words: phrase.split(' '), intent })),
).sort((a, b) => b.words.length - a.words.length);

/**
 * The same phrases by first word, longest first within each: every question is checked here
 * before it is searched, and most words start no phrase at all.
 */
const PHRASES_BY_FIRST_WORD = new Map<string, Phrase[]>();
for (const phrase of PHRASES) {
  const first = phrase.words[0]!;
  PHRASES_BY_FIRST_WORD.set(first, [...(PHRASES_BY_FIRST_WORD.get(first) ?? []), phrase]);
}

/** When a message holds several intents ("hi, how are you?"), the reply answers the most specific. */
const PRIORITY: readonly SmallTalkIntent[] = [
  'identity',
  'thanks',
  'goodbye',
  'wellbeing',
  'greeting',
];

/** The intents a message consists of, or null when anything else is in it. */
export function smallTalkIntents(text: string): SmallTalkIntent[] | null {
  const words = normalizeChat(text).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 12) return null;
  const found = new Set<SmallTalkIntent>();
  let i = 0;
  while (i < words.length) {
    const phrase = PHRASES_BY_FIRST_WORD.get(words[i]!)?.find(({ words: p }) =>
      p.every((word, k) => words[i + k] === word),
    );
    if (phrase) {
      found.add(phrase.intent);
      i += phrase.words.length;
    } else if (FILLER_WORDS.has(words[i]!)) {
      i += 1;
    } else {
      return null;
    }
  }
  return found.size > 0 ? PRIORITY.filter((intent) => found.has(intent)) : null;
}

/**
 * A short reply when the message is only a greeting, thanks, "are you a bot?" and the like, in
 * the bot's language (English when there are no built-in replies for it); null when it is
 * anything else, so a real question always goes to the knowledge.
 */
export function smallTalkReply(
  text: string,
  language: string,
  settings: SmallTalkSettings | undefined,
): SmallTalk | null {
  if (settings?.enabled === false) return null;
  const intents = smallTalkIntents(text);
  if (!intents) return null;
  const allowed = new Set(settings?.intents ?? SMALL_TALK_INTENTS);
  // A message with an intent the bot does not do small talk for is left to the knowledge.
  if (!intents.every((intent) => allowed.has(intent))) return null;
  const intent = intents[0]!;
  const own = settings?.replies?.[intent]?.trim();
  const builtIn =
    SMALL_TALK_REPLIES[language.toLowerCase().split('-')[0]!] ?? SMALL_TALK_REPLIES.en!;
  return { intent, reply: own || builtIn[intent] };
}

/**
 * The question without small talk around it ("Hi! How do I…? Thanks"): what retrieval searches
 * with. The original question is left as it is when nothing remains.
 */
export function withoutSmallTalk(text: string): string {
  const sentences = text.split(/(?<=[.!?¡¿,;:])\s+|\n+/);
  const kept = sentences.filter((sentence) => smallTalkIntents(sentence) === null);
  const stripped = kept.join(' ').trim();
  return stripped || text;
}
