import type { RetrievedChunk } from '@cxgenie/contracts';
import { normalizeForHash, tokenizeForSearch } from '@cxgenie/text-processing';
import { conceptMatch, conceptWeight, coverage } from '../../retrieval/query/concept-coverage';
import type { QueryConcept } from '../../retrieval/query/search-query';

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
  /** The unit is in the hit itself, not in a neighbour joined back for context. */
  core: boolean;
}

const CODE_BLOCK_MAX_LINES = 12;
/** Among equally relevant units, one in the hit itself beats one in its neighbours. */
const CORE_BONUS = 0.05;
/** What a unit's chunk title and headings add to its own terms: a sentence under "pg_dump" is about pg_dump. */
const HEADING_CONTEXT = 0.3;
/** A unit's score is multiplied by this per rank of its chunk: the best chunk's passage wins ties and near-ties. */
const RANK_DECAY = 0.8;
/** A second passage joins the answer only when it adds this share of the question's terms. */
const SECOND_PASSAGE_GAIN = 0.1;
/** A first passage this short (in units) takes the next matching paragraph of its chunk along. */
const SHORT_PASSAGE = 3;
/** Another passage scoring this share of the best one's is as much an answer: it joins too. */
const NEAR_BEST = 0.8;
/** Openings that refer back to the sentence before, which the quote then needs too. */
const REFERS_BACK =
  /^(this|that|these|those|it|they|such|here|there|then|also|however|otherwise|for example|for instance|e\.g\.|in that case|in this case)\b/i;
/** A paragraph's first sentences state its topic; an anchor this close to the start takes them along. */
const TOPIC_SENTENCES = 2;

/**
 * An answer made only of the knowledge's own words: the passage of the best chunks that holds
 * most of the question's (IDF-weighted) terms, with the sentence it continues from or leads into,
 * and a second passage when it adds what the first lacks. Units stay in their source order, one
 * paragraph per source paragraph, separated by a blank line so a streaming buffer can cut there.
 */
export function composeExtractiveAnswer(
  query: { concepts: readonly QueryConcept[] },
  chunks: readonly RetrievedChunk[],
  idf: (term: string) => number,
  options: ExtractiveAnswerOptions = {},
): string {
  // The customer's order numbers and the like are not what the answer is about.
  const known = () => false;
  const { maxSentences = 4, maxChunks = 3 } = options;
  const { concepts } = query;
  const weigh = (term: string) => Math.max(0.1, idf(term));
  const total = concepts.reduce((sum, c) => sum + conceptWeight(c, weigh, known), 0);
  const covered = (units: readonly Unit[]) =>
    coverage(
      concepts,
      weigh,
      new Set(units.flatMap((unit) => tokenizeForSearch(unit.text))),
      known,
    );
  const headingTerms: Set<string>[] = [];
  const units = chunks.slice(0, maxChunks).flatMap((chunk, rank) => {
    headingTerms[rank] = new Set(tokenizeForSearch(`${chunk.title}\n${chunk.headingPath}`));
    const core = normalizeForHash(chunk.text).toLowerCase();
    return unitsOf(chunk.context ?? chunk.text, rank).map((unit) => ({
      ...unit,
      core: core.includes(normalizeForHash(unit.text).toLowerCase()),
    }));
  });
  for (const unit of units) {
    const own = new Set(tokenizeForSearch(unit.text));
    const heading = headingTerms[unit.chunkRank]!;
    let score = 0;
    let matched = false;
    for (const concept of concepts) {
      const weight = conceptWeight(concept, weigh, known);
      const inUnit = conceptMatch(concept, own);
      if (inUnit > 0) matched = true;
      score += weight * Math.max(inUnit, HEADING_CONTEXT * conceptMatch(concept, heading));
    }
    const share = total === 0 || !matched ? 0 : score / total;
    unit.score =
      share === 0
        ? 0
        : (share + (unit.core ? CORE_BONUS : 0)) * Math.pow(RANK_DECAY, unit.chunkRank);
  }
  const ranked = units.filter((unit) => unit.score > 0).sort((a, b) => b.score - a.score);
  if (ranked.length === 0) {
    // Nothing in common with the question: the best chunk's opening is its most general part.
    return layout(
      pickDistinct(
        units.filter((u) => u.chunkRank === 0),
        Math.min(2, maxSentences),
      ),
    );
  }
  const best = ranked[0]!;
  let chosen = passageAround(best, units, maxSentences);
  // More passages while there is room: one that adds what the answer lacks, the paragraph right
  // after a short one (it often carries the how-to), one nearly as relevant as the best, or, for
  // a short answer, another matching paragraph of the same chunk.
  for (;;) {
    const room = maxSentences - chosen.length;
    if (room <= 0) break;
    const base = covered(chosen);
    const taken = new Set(chosen.map((u) => `${u.chunkRank}/${u.paragraph}`));
    const open = ranked.filter((unit) => !taken.has(`${unit.chunkRank}/${unit.paragraph}`));
    const next =
      open.find((unit) => covered([...chosen, unit]) - base >= SECOND_PASSAGE_GAIN) ??
      open.find(
        (unit) =>
          unit.chunkRank === best.chunkRank &&
          unit.paragraph === best.paragraph + 1 &&
          chosen.length < SHORT_PASSAGE,
      ) ??
      open.find((unit) => unit.score >= NEAR_BEST * best.score) ??
      // A short answer takes along the other paragraphs of its chunk that match the question.
      open.find((unit) => unit.chunkRank === best.chunkRank && chosen.length < SHORT_PASSAGE);
    if (!next) break;
    chosen = [...chosen, ...passageAround(next, units, room).filter((u) => !chosen.includes(u))];
  }
  return layout(pickDistinct(chosen, maxSentences));
}

/** The anchor, the sentence it refers back to, and what it leads into, within its paragraph. */
function passageAround(anchor: Unit, units: readonly Unit[], limit: number): Unit[] {
  const paragraph = units.filter(
    (u) => u.chunkRank === anchor.chunkRank && u.paragraph === anchor.paragraph,
  );
  const at = paragraph.indexOf(anchor);
  const passage = [anchor];
  if (at > 0 && at <= TOPIC_SENTENCES) {
    passage.unshift(...paragraph.slice(0, at).slice(-(limit - 1)));
  } else {
    const before = paragraph[at - 1];
    if (before && REFERS_BACK.test(anchor.text) && passage.length < limit) passage.unshift(before);
  }
  let next = at + 1;
  while (passage.length < limit && next < paragraph.length) {
    const unit = paragraph[next]!;
    const leadsIn = /[:]$/.test(passage[passage.length - 1]!.text);
    if (!leadsIn && unit.score === 0 && !REFERS_BACK.test(unit.text)) break;
    passage.push(unit);
    next += 1;
  }
  // A listing introduced by the passage's last sentence follows it, even in the next paragraph.
  const last = passage[passage.length - 1]!;
  if (passage.length < limit && /:$/.test(last.text)) {
    const following = units.find(
      (u) =>
        u.chunkRank === last.chunkRank &&
        u.order === last.order + 1 &&
        u.paragraph !== last.paragraph,
    );
    if (following) passage.push(following);
  }
  return passage;
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
    units.push({ text: unitText, chunkRank, paragraph, order: units.length, score: 0, core: true });
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
