import { countTokens, decodeTokens, encodeTokens, tailTokens, truncateToTokens } from './tokens';

export interface ChunkTextOptions {
  /** Hard upper bound of every chunk's cl100k token count. */
  maxTokens: number;
  /** Tokens of the previous chunk's end repeated at the start of the next one (same section only). */
  overlapTokens?: number;
  /** Split on markdown headings first and record each chunk's heading path. Default true. */
  headingAware?: boolean;
  /**
   * A section shorter than this is merged into the next one instead of becoming a chunk of its
   * own: a lone one-line intro matches many queries and answers none. Default min(50, maxTokens/4).
   */
  minSectionTokens?: number;
}

export interface TextChunk {
  text: string;
  /** Headings above the chunk, outermost first: `Chapter > Section`. Empty when there are none. */
  headingPath: string;
  /** 0-based order of the chunk in the whole text. */
  position: number;
  tokenCount: number;
}

interface Section {
  headingPath: string;
  body: string;
}

/** A unit the packer never cuts, with the separator that joins it to the piece before it. */
interface Piece {
  text: string;
  separator: string;
  tokens: number;
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$/;
const FENCE = /^\s*(```|~~~)/;

/** Coarsest first: a chunk boundary falls between paragraphs when it can, inside a word never. */
const SPLITTERS: readonly { pattern: RegExp; separator: string }[] = [
  { pattern: /\n[ \t]*\n\s*/, separator: '\n\n' },
  { pattern: /\n/, separator: '\n' },
  { pattern: /(?<=[.!?;:。！？])\s+/u, separator: ' ' },
  { pattern: /\s+/, separator: ' ' },
];

/**
 * Splits text into chunks of at most `maxTokens` tokens: markdown sections first (so a chunk never
 * straddles two headings), then paragraphs, lines, sentences and words, packing neighbours
 * together up to the budget.
 */
export function chunkText(text: string, options: ChunkTextOptions): TextChunk[] {
  const { maxTokens, overlapTokens = 0, headingAware = true } = options;
  const minSectionTokens = options.minSectionTokens ?? Math.min(50, Math.floor(maxTokens / 4));
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new RangeError('maxTokens must be >= 1');
  if (overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new RangeError('overlapTokens must be >= 0 and < maxTokens');
  }
  const sections = headingAware
    ? mergeSmallSections(splitMarkdownSections(text), minSectionTokens)
    : [{ headingPath: '', body: text.trim() }];
  const chunks: TextChunk[] = [];
  for (const section of sections) {
    const pieces = splitToPieces(section.body, maxTokens, 0, '');
    for (const chunk of packPieces(pieces, maxTokens, overlapTokens)) {
      chunks.push({ ...chunk, headingPath: section.headingPath, position: chunks.length });
    }
  }
  return chunks;
}

/** Markdown sections with their heading path; headings inside fenced code are text. */
export function splitMarkdownSections(text: string): Section[] {
  const sections: Section[] = [];
  const stack: { level: number; title: string }[] = [];
  let lines: string[] = [];
  let inFence = false;
  const flush = () => {
    const body = lines.join('\n').trim();
    if (body) sections.push({ headingPath: stack.map((h) => h.title).join(' > '), body });
    lines = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (!heading) {
      lines.push(line);
      continue;
    }
    flush();
    const level = heading[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    stack.push({ level, title: heading[2]!.trim() });
  }
  flush();
  return sections;
}

/**
 * Carries each too-small section into the one after it (the last into the one before). The small
 * section's own heading becomes a line of text when the receiving section's path lacks it.
 */
function mergeSmallSections(sections: readonly Section[], minTokens: number): Section[] {
  const merged: Section[] = [];
  let carried: Section | null = null;
  for (const section of sections) {
    const body: string = carried
      ? `${labelFor(carried, section)}${carried.body}\n\n${section.body}`
      : section.body;
    carried = null;
    if (countTokens(body) < minTokens) carried = { headingPath: section.headingPath, body };
    else merged.push({ headingPath: section.headingPath, body });
  }
  if (carried) {
    const last = merged[merged.length - 1];
    if (last) last.body = `${last.body}\n\n${labelFor(carried, last)}${carried.body}`;
    else merged.push(carried);
  }
  return merged;
}

function labelFor(small: Section, receiver: Section): string {
  const heading = small.headingPath.split(' > ').pop() ?? '';
  return heading && !receiver.headingPath.split(' > ').includes(heading) ? `${heading}\n\n` : '';
}

function splitToPieces(text: string, maxTokens: number, depth: number, separator: string): Piece[] {
  const tokens = countTokens(text);
  if (tokens <= maxTokens) return text ? [{ text, separator, tokens }] : [];
  const splitter = SPLITTERS[depth];
  if (!splitter) return hardSplit(text, maxTokens, separator);
  const parts = text.split(splitter.pattern).filter((part) => part.trim() !== '');
  if (parts.length <= 1) return splitToPieces(text, maxTokens, depth + 1, separator);
  return parts.flatMap((part, index) =>
    splitToPieces(part, maxTokens, depth + 1, index === 0 ? separator : splitter.separator),
  );
}

/** A single "word" longer than a chunk (a data URI, a minified line): cut by tokens. */
function hardSplit(text: string, maxTokens: number, separator: string): Piece[] {
  const tokens = encodeTokens(text);
  const pieces: Piece[] = [];
  for (let start = 0; start < tokens.length; start += maxTokens) {
    const slice = tokens.slice(start, start + maxTokens);
    pieces.push({
      text: decodeTokens(slice),
      separator: start === 0 ? separator : '',
      tokens: slice.length,
    });
  }
  return pieces;
}

function joinPieces(overlap: string, pieces: readonly Piece[]): string {
  let text = overlap;
  for (const piece of pieces) text += text ? piece.separator + piece.text : piece.text;
  return text.trim();
}

/** Greedy packing; each chunk's real token count is checked because BPE is not additive. */
function packPieces(
  pieces: readonly Piece[],
  maxTokens: number,
  overlapTokens: number,
): { text: string; tokenCount: number }[] {
  const chunks: { text: string; tokenCount: number }[] = [];
  let overlap = '';
  let start = 0;
  while (start < pieces.length) {
    let budget = maxTokens - (overlap ? countTokens(overlap) + 1 : 0);
    let end = start;
    while (end < pieces.length) {
      // One token for the separator: cl100k merges "\n\n" and a leading space into few tokens.
      const cost = pieces[end]!.tokens + (end > start ? 1 : 0);
      if (end > start && cost > budget) break;
      budget -= cost;
      end++;
    }
    let text = joinPieces(overlap, pieces.slice(start, end));
    let tokenCount = countTokens(text);
    while (tokenCount > maxTokens) {
      if (end - start > 1) end--;
      else if (overlap) overlap = '';
      else break;
      text = joinPieces(overlap, pieces.slice(start, end));
      tokenCount = countTokens(text);
    }
    if (tokenCount > maxTokens) {
      // Only when re-encoding a decoded token slice yields more tokens than the slice had.
      text = truncateToTokens(text, maxTokens);
      tokenCount = countTokens(text);
    }
    chunks.push({ text, tokenCount });
    overlap = overlapTokens > 0 && end < pieces.length ? tailTokens(text, overlapTokens) : '';
    start = end;
  }
  return chunks;
}
