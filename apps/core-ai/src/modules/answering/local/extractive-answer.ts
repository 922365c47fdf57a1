import type { RetrievedChunk } from '@cxgenie/contracts';
import { normalizeForHash, termSpecificity, tokenizeForSearch } from '@cxgenie/text-processing';

export interface ExtractiveAnswerOptions {
  /** Sentences (or short code blocks) quoted at most. Default 4. */
  maxSentences?: number;
  /** Best chunks the sentences are drawn from. Default 3. */
  maxChunks?: number;
}

/** A quotable unit of a chunk: a sentence, a list item, a table row or a short code block. */
interface Unit {
  text: string;
  chunkRank: number;
  paragraph: number;
  order: number;
  score: number;
}

const CODE_BLOCK_MAX_LINES = 12;
/** Among equally relevant sentences, one from a better-ranked chunk wins. */
const CHUNK_RANK_BONUS = 0.05;

/**
 * An answer made only of the knowledge's own words: the sentences of the best chunks that share
 * the most (weighted) terms with the question, in their original order, one paragraph per source
 * paragraph, paragraphs separated by a blank line so a streaming paragraph buffer can cut there.
 */
export function composeExtractiveAnswer(
  question: string,
  chunks: readonly RetrievedChunk[],
  options: ExtractiveAnswerOptions = {},
): string {
  const { maxSentences = 4, maxChunks = 3 } = options;
  const questionTerms = new Set(tokenizeForSearch(question));
  const units = chunks
    .slice(0, maxChunks)
    .flatMap((chunk, rank) => unitsOf(chunk.text, rank))
    .map((unit) => ({ ...unit, score: relevance(unit, questionTerms, maxChunks) }));
  const chosen = pickDistinct(
    units.filter((unit) => unit.score > 0).sort((a, b) => b.score - a.score),
    maxSentences,
  );
  // Nothing in common with the question: the best chunk's opening is still its most general part.
  const quoted = chosen.length > 0 ? chosen : pickDistinct(units, Math.min(2, maxSentences));
  return layout(quoted);
}

function relevance(unit: Unit, questionTerms: ReadonlySet<string>, maxChunks: number): number {
  const matched = new Set(tokenizeForSearch(unit.text).filter((term) => questionTerms.has(term)));
  if (matched.size === 0) return 0;
  const weight = [...matched].reduce((sum, term) => sum + termSpecificity(term), 0);
  return weight + CHUNK_RANK_BONUS * (maxChunks - unit.chunkRank);
}

function pickDistinct(units: readonly Unit[], limit: number): Unit[] {
  const seen = new Set<string>();
  const picked: Unit[] = [];
  for (const unit of units) {
    if (picked.length >= limit) break;
    // Overlapping chunks repeat their boundary sentences.
    const key = normalizeForHash(unit.text).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(unit);
  }
  return picked;
}

function layout(units: readonly Unit[]): string {
  const ordered = [...units].sort((a, b) => a.chunkRank - b.chunkRank || a.order - b.order);
  const paragraphs: string[] = [];
  let previous: Unit | undefined;
  for (const unit of ordered) {
    const sameParagraph =
      previous && previous.chunkRank === unit.chunkRank && previous.paragraph === unit.paragraph;
    if (sameParagraph && !unit.text.startsWith('```')) {
      // List items and table rows keep their own lines; sentences of a paragraph run on.
      const separator = /^([-*+]|\d+\.)\s|\|/.test(unit.text) ? '\n' : ' ';
      paragraphs[paragraphs.length - 1] += `${separator}${unit.text}`;
    } else {
      paragraphs.push(unit.text);
    }
    previous = unit;
  }
  return paragraphs.join('\n\n');
}

/** Splits chunk text into units; headings and long code listings are not quotable on their own. */
function unitsOf(text: string, chunkRank: number): Unit[] {
  const units: Unit[] = [];
  const push = (unitText: string, paragraph: number) =>
    units.push({ text: unitText, chunkRank, paragraph, order: units.length, score: 0 });
  const blocks = splitBlocks(text);
  blocks.forEach((block, paragraph) => {
    if (block.kind === 'code-tail') return;
    if (block.kind === 'code') {
      const lines = block.text.split('\n').length;
      // An unterminated listing (the chunk ends inside it) is left out: it would open a fence.
      if (lines <= CODE_BLOCK_MAX_LINES + 2 && FENCE.test(block.text.split('\n').pop() ?? '')) {
        push(block.text, paragraph);
      }
      return;
    }
    for (const line of block.text.split('\n')) {
      const trimmed = line.trim();
      if (!trimmed || /^#{1,6}\s/.test(trimmed)) continue;
      // List items and table rows are units already; prose lines of one paragraph are joined.
      if (/^([-*+]|\d+\.)\s|\|/.test(trimmed)) push(trimmed, paragraph);
      else for (const sentence of splitSentences(trimmed)) push(sentence, paragraph);
    }
  });
  return mergeWrappedProse(units);
}

const FENCE = /^\s*(```|~~~)/;

interface Block {
  kind: 'prose' | 'code' | 'code-tail';
  text: string;
}

/** Paragraphs separated by blank lines; a fenced code block is always one block. */
function splitBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let current: string[] = [];
  // A chunk cut inside a code listing starts with the listing's tail and its closing fence.
  let kind: Block['kind'] =
    lines.filter((line) => FENCE.test(line)).length % 2 ? 'code-tail' : 'prose';
  const flush = (next: Block['kind']) => {
    if (current.some((line) => line.trim())) blocks.push({ kind, text: current.join('\n').trim() });
    current = [];
    kind = next;
  };
  for (const line of lines) {
    if (FENCE.test(line)) {
      if (kind === 'prose') {
        flush('code');
        current.push(line);
      } else {
        current.push(line);
        flush('prose');
      }
    } else if (kind === 'prose' && line.trim() === '') {
      flush('prose');
    } else {
      current.push(line);
    }
  }
  flush('prose');
  return blocks;
}

const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'“(])/u;

function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/**
 * A prose paragraph hard-wrapped over several lines yields sentence fragments per line; a
 * fragment that does not end a sentence is joined to the next one of the same paragraph.
 */
function mergeWrappedProse(units: Unit[]): Unit[] {
  const merged: Unit[] = [];
  for (const unit of units) {
    const last = merged[merged.length - 1];
    const isProse = (u: Unit) => !u.text.startsWith('```') && !/^([-*+]|\d+\.)\s|\|/.test(u.text);
    if (
      last &&
      last.paragraph === unit.paragraph &&
      isProse(last) &&
      isProse(unit) &&
      !/[.!?:]["')”]?$/.test(last.text)
    ) {
      last.text = `${last.text} ${unit.text}`;
    } else {
      merged.push({ ...unit, order: merged.length });
    }
  }
  return merged;
}
