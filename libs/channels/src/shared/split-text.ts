/**
 * Splits a text into parts of at most `limit` UTF-16 code units (how Telegram, Viber and the
 * Graph API count), cutting at the most natural boundary in the second half of each window:
 * a blank line, then a line break, then the end of a sentence, then a space. Only a text with
 * none of those is cut mid-word, and never between the two halves of a surrogate pair (an emoji).
 * Whitespace at a cut is dropped; parts are never empty.
 */
export function splitText(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError('limit must be an integer ≥ 2');
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPosition(rest, limit);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

const BOUNDARIES: RegExp[] = [/\n[ \t]*\n/g, /\n/g, /[.!?…。！？]["')\]]*\s/g, /\s/g];

function cutPosition(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  // A boundary in the first half would leave a part too short to be worth a message of its own.
  const floor = Math.floor(limit / 2);
  for (const boundary of BOUNDARIES) {
    const end = lastBoundaryEnd(window, boundary, limit);
    if (end > floor) return end;
  }
  return isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
}

/** The end of the last match whose part (without trailing whitespace) fits in `limit`. */
function lastBoundaryEnd(window: string, boundary: RegExp, limit: number): number {
  let best = -1;
  for (const match of window.matchAll(boundary)) {
    if (match.index + match[0].trimEnd().length <= limit) best = match.index + match[0].length;
  }
  return best;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
