const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
// Every C0 control but tab and newline, and DEL: PDF extraction leaves them behind.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export interface CleanTextOptions {
  /** Keep leading spaces (Markdown nesting, code); PDF line starts are layout noise. */
  keepIndentation: boolean;
}

/**
 * Whitespace noise out, words put back together: invisible characters removed, exotic spaces made
 * plain, runs of spaces collapsed, trailing spaces dropped, at most one blank line in a row.
 */
export function normalizeWhitespace(text: string, { keepIndentation }: CleanTextOptions): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROL_CHARS, '')
    .replace(UNICODE_SPACES, ' ')
    .split('\n')
    .map((line) => {
      const indent = keepIndentation ? (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '  ') : '';
      const body = line.trim().replace(/[ \t]+/g, ' ');
      return body ? indent + body : '';
    });
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * "hyphen-\nation" → "hyphenation": a word broken across a line by the typesetter. Only between
 * lowercase letters, so "COVID-\n19" and a dash list item on the next line stay as they are.
 */
export function joinHyphenatedLines(text: string): string {
  return text.replace(/(\p{Ll})-[ \t]*\r?\n[ \t]*(\p{Ll})/gu, '$1$2');
}

/** Everything a text goes through, whatever its format. */
export function cleanText(text: string, options: CleanTextOptions): string {
  return normalizeWhitespace(joinHyphenatedLines(text), options);
}
