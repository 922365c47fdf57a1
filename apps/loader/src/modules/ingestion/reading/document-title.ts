/**
 * A document's title for citations and embedding context: its file name without the extension
 * and without the " (1)" a browser appends to a re-downloaded copy, so a re-upload of the same
 * file embeds the same texts.
 */
export function titleFromFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? filename;
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return stem.replace(/\s*\(\d{1,3}\)$/, '').trim() || base;
}
