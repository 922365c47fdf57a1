/**
 * Lines at the top and at the bottom of a page where running headers, footers and numbers sit;
 * on a short page at most a third of its lines each, so its body is never all "edge".
 */
const EDGE_LINES = 3;
/** A line is a running header or footer when it repeats on this share of the pages… */
const REPEAT_SHARE = 0.5;
/** …and on at least this many of them. */
const REPEAT_MIN_PAGES = 3;

/** "Page 12", "p. 12", "Page 12 of 40", "Seite 3 von 9", "- 12 -": page numbers anywhere near an edge. */
const LABELLED_PAGE_NUMBER =
  /^(?:(?:page|pg\.?|p\.|seite|página|pagina)\s*\d{1,4}(?:\s*(?:of|\/|de|von|sur)\s*\d{1,4})?|[-–—[(]\s*\d{1,4}\s*[-–—\])])$/i;
/** "12", "12 / 40", "iv": trusted only as a page's very first or last line. */
const BARE_PAGE_NUMBER = /^\d{1,4}(?:\s*\/\s*\d{1,4})?$/;
const ROMAN_PAGE_NUMBER = /^(?=[ivxlc]{1,7}$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/i;
/** A table-of-contents entry: "2.1 Naming . . . . . . 3". It repeats headings, and nothing else. */
const TOC_LEADER = /(?:\.\s*){4,}\s*[\divxlc]{1,4}\s*$/i;
const BULLET = /^[•▪●◦‣∙·■□➢➤►-]\s+/;

/**
 * Page furniture out of a PDF's pages: running headers and footers (lines repeated at the top or
 * bottom of most pages; digits compared as one so "Page 3 of 9" repeats), page numbers and
 * table-of-contents leader lines. Page order and count are kept; only lines are removed.
 */
export function removePageFurniture(pages: readonly string[]): string[] {
  const linesOfPages = pages.map(splitLines);
  const repeated = repeatedEdgeLines(linesOfPages);
  return linesOfPages.map((lines) => {
    const kept = lines.filter((line, index) => {
      const edge = edgeOf(index, lines.length);
      if (TOC_LEADER.test(line)) return false;
      if (!edge) return true;
      if (repeated[edge].has(furnitureKey(line))) return false;
      return !isPageNumber(line, index === 0 || index === lines.length - 1);
    });
    return kept.join('\n');
  });
}

/**
 * Numbered section titles ("2.1 The source XML files", "3. Returns") become Markdown headings,
 * nested by their numbering, so chunks carry a heading path and never straddle two sections.
 * Bullets become Markdown list items.
 */
export function markPdfStructure(text: string): string {
  return splitLines(text)
    .map((line) => numberedHeading(line) ?? line.replace(BULLET, '- '))
    .join('\n');
}

export function numberedHeading(line: string): string | null {
  const match = /^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(\p{Lu}.*)$/u.exec(line);
  if (!match) return null;
  const [, number, title] = match as unknown as [string, string, string];
  const words = title.split(/\s+/).length;
  const endsLikeSentence = /[.,;:]$/.test(title) || / (?:and|or|the|of|to|a)$/i.test(title);
  if (line.length > 100 || words > 12 || endsLikeSentence) return null;
  const depth = Math.min(number.split('.').length, 6);
  return `${'#'.repeat(depth)} ${number} ${title}`;
}

function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function edgeOf(index: number, count: number): 'top' | 'bottom' | null {
  const edge = Math.min(EDGE_LINES, Math.max(1, Math.floor(count / 3)));
  if (index < edge) return 'top';
  if (index >= count - edge) return 'bottom';
  return null;
}

const furnitureKey = (line: string): string =>
  line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');

function repeatedEdgeLines(
  linesOfPages: readonly string[][],
): Record<'top' | 'bottom', Set<string>> {
  const pagesWithText = linesOfPages.filter((lines) => lines.length > 0).length;
  const needed = Math.max(REPEAT_MIN_PAGES, Math.ceil(pagesWithText * REPEAT_SHARE));
  const counts = { top: new Map<string, number>(), bottom: new Map<string, number>() };
  for (const lines of linesOfPages) {
    const seen = { top: new Set<string>(), bottom: new Set<string>() };
    lines.forEach((line, index) => {
      const edge = edgeOf(index, lines.length);
      if (edge) seen[edge].add(furnitureKey(line));
    });
    for (const edge of ['top', 'bottom'] as const) {
      for (const key of seen[edge]) counts[edge].set(key, (counts[edge].get(key) ?? 0) + 1);
    }
  }
  const frequent = (map: Map<string, number>) =>
    new Set([...map].filter(([, count]) => count >= needed).map(([key]) => key));
  return { top: frequent(counts.top), bottom: frequent(counts.bottom) };
}

function isPageNumber(line: string, outermost: boolean): boolean {
  if (LABELLED_PAGE_NUMBER.test(line)) return true;
  return outermost && (BARE_PAGE_NUMBER.test(line) || ROMAN_PAGE_NUMBER.test(line));
}
