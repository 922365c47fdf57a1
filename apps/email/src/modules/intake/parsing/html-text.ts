import { compile } from 'html-to-text';

/** Deeper nesting is an attack, not a mail (browsers flatten past 512): not converted. */
const MAX_NESTING_DEPTH = 1_000;
/** Past this the conversion would cost more than any real mail's HTML. */
const MAX_HTML_CHARS = 2_000_000;

// Elements with no content: a start tag opens no level.
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/**
 * What the bot reads of an HTML-only mail: the words, never markup, scripts, styles, or images'
 * addresses (a tracking pixel is not something the customer wrote). Links keep their address:
 * a customer may point at a page.
 */
const convert = compile({
  wordwrap: false,
  limits: { maxDepth: MAX_NESTING_DEPTH },
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'head', format: 'skip' },
  ],
});

/** A linear scan of the tag nesting: parsing deep nesting is quadratic, so it is checked first. */
function nestedDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (VOID.has(name.toLowerCase()) || selfClosing) continue;
    depth += closing ? -1 : 1;
    if (depth > limit) return true;
  }
  return false;
}

/** The text of an HTML body for the bot; '' when it is too large or too deep to convert. */
export function textOfHtml(html: string): string {
  if (html.length > MAX_HTML_CHARS || nestedDeeperThan(html, MAX_NESTING_DEPTH)) return '';
  try {
    return convert(html).trim();
  } catch {
    return '';
  }
}
