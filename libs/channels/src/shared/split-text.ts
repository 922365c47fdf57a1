/** How a platform counts a message's length. */
export type TextMeasure = (text: string) => number;

/** UTF-16 code units (Telegram, Viber, Messenger, WhatsApp): never less than the characters counted. */
export const utf16Length: TextMeasure = (text) => text.length;
/** UTF-8 bytes (Instagram). */
export const utf8Bytes: TextMeasure = (text) => Buffer.byteLength(text, 'utf8');

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const isLineBreak = (unit: string | undefined) => unit === '\n' || unit === '\r\n';
const isSpace = (unit: string | undefined) => unit !== undefined && /^\s+$/u.test(unit);
const SENTENCE_END = /[.!?…。！？]["')\]]*$/u;

/** Where a part may end, most natural first: each is tried in the second half of the part. */
const BOUNDARIES: ((units: string[], at: number, start: number) => boolean)[] = [
  // A blank line: a line break followed, after spaces, by another.
  (units, at) =>
    isLineBreak(units[at]) && isLineBreak(units.slice(at + 1).find((u) => !/^[ \t]$/u.test(u))),
  (units, at) => isLineBreak(units[at]),
  // The end of a sentence (closing quotes and brackets included), before whitespace.
  (units, at, start) =>
    isSpace(units[at]) && SENTENCE_END.test(units.slice(start, at).join('').trimEnd()),
  (units, at) => isSpace(units[at]),
];

/**
 * Splits a text into parts of at most `limit` (as the platform counts, `measure`), cutting at the
 * most natural boundary in the second half of each part: a blank line, then a line break, then
 * the end of a sentence, then a space. Only a text with none of those is cut mid-word, and never
 * inside a character or an emoji sequence (it cuts between graphemes). Whitespace at a cut is
 * dropped; parts are never empty. One splitter for every platform adapter.
 */
export function splitText(
  text: string,
  limit: number,
  measure: TextMeasure = utf16Length,
): string[] {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError('limit must be an integer ≥ 2');
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (measure(trimmed) <= limit) return [trimmed];
  const units = Array.from(graphemes.segment(trimmed), (s) => s.segment);
  const parts: string[] = [];
  let start = 0;
  while (start < units.length) {
    let end = start;
    let size = 0;
    while (end < units.length && size + measure(units[end]!) <= limit) {
      size += measure(units[end]!);
      end += 1;
    }
    // A single grapheme over the limit cannot be split further: it goes alone.
    if (end === start) end = start + 1;
    const cut = end === units.length ? end : cutPosition(units, start, end);
    const part = units.slice(start, cut).join('').trimEnd();
    if (part) parts.push(part);
    start = cut;
    while (start < units.length && isSpace(units[start])) start += 1;
  }
  return parts;
}

/** A boundary in the first half would leave a part too short to be worth a message of its own. */
function cutPosition(units: string[], start: number, end: number): number {
  const earliest = start + Math.floor((end - start) / 2);
  for (const boundary of BOUNDARIES) {
    // `end` itself is the first unit that did not fit: a boundary there loses nothing either.
    for (let at = end; at > earliest; at -= 1) if (boundary(units, at, start)) return at;
  }
  return end;
}
