/*
 * M. F. Porter's 1980 suffix-stripping algorithm ("An algorithm for suffix stripping"), English
 * only: it conflates connect / connected / connection / connections so a question and a page that
 * inflect a word differently still share a term.
 */

const isVowelAt = (word: string, i: number): boolean => {
  const c = word.charAt(i);
  if ('aeiou'.includes(c)) return true;
  // "y" is a vowel after a consonant (happy, system) and a consonant otherwise (yes, toy).
  return c === 'y' && i > 0 && !isVowelAt(word, i - 1);
};

/** m in [C](VC)^m[V]: how many vowel-consonant sequences the stem has. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  while (i < stem.length && !isVowelAt(stem, i)) i++;
  while (i < stem.length) {
    while (i < stem.length && isVowelAt(stem, i)) i++;
    if (i >= stem.length) break;
    m++;
    while (i < stem.length && !isVowelAt(stem, i)) i++;
  }
  return m;
}

const hasVowel = (stem: string): boolean => {
  for (let i = 0; i < stem.length; i++) if (isVowelAt(stem, i)) return true;
  return false;
};

const endsWithDoubleConsonant = (word: string): boolean => {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && !isVowelAt(word, n - 1);
};

/** *o: consonant-vowel-consonant ending whose last consonant is not w, x or y (hop, not snow). */
const endsCvc = (word: string): boolean => {
  const n = word.length;
  if (n < 3) return false;
  if (isVowelAt(word, n - 1) || !isVowelAt(word, n - 2) || isVowelAt(word, n - 3)) return false;
  return !'wxy'.includes(word.charAt(n - 1));
};

type Rule = readonly [suffix: string, replacement: string];

/** Applies the longest matching suffix rule only; a failed condition does not try shorter ones. */
function replaceLongest(
  word: string,
  rules: readonly Rule[],
  condition: (stem: string) => boolean,
): string {
  for (const [suffix, replacement] of rules) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    return condition(stem) ? stem + replacement : word;
  }
  return word;
}

const byLengthDesc = (rules: Rule[]): Rule[] => rules.sort((a, b) => b[0].length - a[0].length);

const STEP2: readonly Rule[] = byLengthDesc([
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
]);

const STEP3: readonly Rule[] = byLengthDesc([
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
]);

const STEP4: readonly Rule[] = byLengthDesc(
  [
    'al',
    'ance',
    'ence',
    'er',
    'ic',
    'able',
    'ible',
    'ant',
    'ement',
    'ment',
    'ent',
    'ion',
    'ou',
    'ism',
    'ate',
    'iti',
    'ous',
    'ive',
    'ize',
  ].map((suffix): Rule => [suffix, '']),
);

function step1ab(word: string): string {
  if (word.endsWith('sses') || word.endsWith('ies')) word = word.slice(0, -2);
  else if (word.endsWith('s') && !word.endsWith('ss')) word = word.slice(0, -1);

  if (word.endsWith('eed')) return measure(word.slice(0, -3)) > 0 ? word.slice(0, -1) : word;
  const inflection = word.endsWith('ed') ? 2 : word.endsWith('ing') ? 3 : 0;
  if (inflection === 0 || !hasVowel(word.slice(0, -inflection))) return word;
  word = word.slice(0, -inflection);
  if (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz')) return `${word}e`;
  if (endsWithDoubleConsonant(word) && !'lsz'.includes(word.charAt(word.length - 1))) {
    return word.slice(0, -1);
  }
  if (measure(word) === 1 && endsCvc(word)) return `${word}e`;
  return word;
}

function step5(word: string): string {
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) word = stem;
  }
  if (word.endsWith('ll') && measure(word) > 1) word = word.slice(0, -1);
  return word;
}

/** Porter stem of a lowercase ASCII word; other words are returned unchanged. */
export function porterStem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  word = step1ab(word);
  if (word.endsWith('y') && hasVowel(word.slice(0, -1))) word = `${word.slice(0, -1)}i`;
  word = replaceLongest(word, STEP2, (stem) => measure(stem) > 0);
  word = replaceLongest(word, STEP3, (stem) => measure(stem) > 0);
  word = replaceLongest(word, STEP4, (stem) => {
    if (measure(stem) <= 1) return false;
    // "-ion" comes off only after s or t: adoption -> adopt, but not onion -> on.
    return !word.endsWith('ion') || stem.endsWith('s') || stem.endsWith('t');
  });
  return step5(word);
}
