/** How a platform counts a message's length. */
export type TextMeasure = (text: string) => number;

/** UTF-16 code units: never less than the characters a platform counts, so always safe. */
export const utf16Length: TextMeasure = (text) => text.length;
export const utf8Bytes: TextMeasure = (text) => Buffer.byteLength(text, 'utf8');

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Splits `text` into parts of at most `limit` (as `measure` counts), preferring to break at a
 * line break, then at a space, in the second half of a part; never inside a character or an
 * emoji sequence. The whitespace a break happens at is dropped; nothing else is.
 */
export function splitMeasuredText(
  text: string,
  limit: number,
  measure: TextMeasure = utf16Length,
): string[] {
  if (measure(text) <= limit) return text.trim() === '' ? [] : [text];
  const units = Array.from(graphemes.segment(text), (s) => s.segment);
  const parts: string[] = [];
  let start = 0;
  while (start < units.length) {
    let end = start;
    let size = 0;
    while (end < units.length && size + measure(units[end]) <= limit) {
      size += measure(units[end]);
      end += 1;
    }
    // A single grapheme over the limit cannot be split further: send it alone.
    if (end === start) end = start + 1;
    const cut = end === units.length ? end : breakPoint(units, start, end);
    const part = units.slice(start, cut).join('').trimEnd();
    if (part.trim() !== '') parts.push(part);
    start = cut;
    while (start < units.length && isSpace(units[start])) start += 1;
  }
  return parts;
}

function breakPoint(units: string[], start: number, end: number): number {
  const earliest = start + Math.floor((end - start) / 2);
  for (const wanted of [isLineBreak, isSpace]) {
    // `end` itself is the first unit that did not fit: breaking there loses nothing either.
    for (let i = end; i > earliest; i -= 1) if (wanted(units[i] ?? '')) return i;
  }
  return end;
}

const isLineBreak = (unit: string) => unit === '\n' || unit === '\r\n';
const isSpace = (unit: string) => /^\s+$/.test(unit);
