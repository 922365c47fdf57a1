import { SENTENCE_CLOSERS, SENTENCE_TERMINATORS } from '@cxgenie/text-processing';

/*
 * Sits between an LLM token stream and the WebSocket. One event per token floods the socket and
 * makes clients re-render mid-word; holding tokens back until a paragraph (or sentence) is complete
 * sends a few readable chunks instead, while the idle flush keeps a stalled model from hiding text.
 * The first chunk is the exception: a visitor waiting for a one-paragraph answer would otherwise
 * see nothing until the model finished it, so it goes at the first sentence end, or a fixed time
 * after the first token, whichever comes first.
 */

export type ChunkBoundary = 'paragraph' | 'sentence';

export interface StreamChunk {
  /** From 0 without gaps: the client orders and de-duplicates by message id + index. */
  index: number;
  text: string;
}

export interface ParagraphBufferOptions {
  /** Called synchronously, inside push(), end() or the idle timer. */
  onChunk: (chunk: StreamChunk) => void;
  boundary?: ChunkBoundary;
  idleFlushMs?: number;
  maxChunkChars?: number;
  /**
   * The first chunk goes this long after the first token at the latest (whole words only), even
   * in the middle of a sentence. Null: no deadline, the first chunk waits like any other.
   */
  firstFlushMs?: number | null;
  /** The first chunk also ends at the first sentence end (true by default). */
  firstAtSentence?: boolean;
}

/** How long the first words of an answer may wait in the buffer, from the first token. */
export const FIRST_FLUSH_MS = 250;

const WHITESPACE = /\s/;
const VISIBLE = /\S/;
// Markdown allows up to three spaces of indentation before a fence; four would be indented code.
const FENCE_LINE = /^ {0,3}```/;
// "1." opening a numbered list item ends no sentence.
const LIST_MARKER = /^[^\S\n]*\d{1,3}$/;
// Enough of a line to recognise a fence or a list marker, so a long line is not kept around.
const LINE_HEAD_CHARS = 8;

type SentenceState = 'none' | 'terminated' | 'spacing';

/**
 * Finds boundaries one character at a time with state carried across tokens, so a boundary or a
 * fence marker split between tokens is still seen, and each character is looked at once.
 */
class BoundaryScanner {
  private inFence = false;
  private lineHead = '';
  private lineLength = 0;
  private lineBlank = true;
  private sentence: SentenceState = 'none';

  /**
   * Whether sentence ends count as boundaries. Sentence state is tracked either way, so switching
   * this mid-stream (after the first chunk) stays exact.
   */
  constructor(public sentences: boolean) {}

  /** Offset just past the last boundary inside `text`, or 0 when it holds none. */
  scan(text: string): number {
    let end = 0;
    for (let i = 0; i < text.length; i++) {
      if (this.consume(text[i])) end = i + 1;
    }
    return end;
  }

  // Sentence state first: it needs the line head before this character and the fence state
  // before a fence line toggles it.
  private consume(char: string): boolean {
    const sentenceEnd = this.advanceSentence(char) && this.sentences;
    if (char !== '\n') {
      this.extendLine(char);
      return sentenceEnd;
    }
    return this.endLine() || sentenceEnd;
  }

  private advanceSentence(char: string): boolean {
    const whitespace = WHITESPACE.test(char);
    const boundary = whitespace && this.sentence !== 'none' && !this.inFence;
    this.sentence = this.nextSentenceState(char, whitespace);
    return boundary;
  }

  // Whitespace right after a sentence end joins it, so the next chunk does not open with spaces;
  // a newline stops that, since what follows it is the next line's indentation.
  private nextSentenceState(char: string, whitespace: boolean): SentenceState {
    if (whitespace) return this.sentence !== 'none' && char !== '\n' ? 'spacing' : 'none';
    if (SENTENCE_TERMINATORS.has(char)) return this.opensListItem() ? 'none' : 'terminated';
    return SENTENCE_CLOSERS.has(char) && this.sentence === 'terminated' ? 'terminated' : 'none';
  }

  private opensListItem(): boolean {
    return this.lineLength === this.lineHead.length && LIST_MARKER.test(this.lineHead);
  }

  private extendLine(char: string): void {
    if (this.lineHead.length < LINE_HEAD_CHARS) this.lineHead += char;
    this.lineLength++;
    if (!WHITESPACE.test(char)) this.lineBlank = false;
  }

  /** True when the line just ended is a blank line outside a code fence. */
  private endLine(): boolean {
    // A blank first line follows no newline; it needs no case of its own, since what it would
    // cut off is bare whitespace, which ParagraphBuffer holds back anyway.
    const blankLineEnd = this.lineBlank && !this.inFence;
    if (FENCE_LINE.test(this.lineHead)) this.inFence = !this.inFence;
    this.lineHead = '';
    this.lineLength = 0;
    this.lineBlank = true;
    return blankLineEnd;
  }
}

/**
 * Where to cut text that outgrew the limit without a boundary: after the last whitespace that keeps
 * the chunk within it, so no word is split; with none, all of it, because any cut could then fall
 * inside a word, a surrogate pair or a fence marker.
 */
function oversizedCut(text: string, limit: number): number {
  for (let i = limit - 1; i > 0; i--) {
    if (WHITESPACE.test(text[i])) return i + 1;
  }
  return text.length;
}

/** The last cut that keeps whole words: after the last whitespace that follows visible text. */
function wordCut(text: string): number {
  const firstVisible = text.search(VISIBLE);
  if (firstVisible < 0) return 0;
  for (let i = text.length - 1; i > firstVisible; i--) {
    if (WHITESPACE.test(text[i])) return i + 1;
  }
  return 0;
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

export class ParagraphBuffer {
  private readonly onChunk: (chunk: StreamChunk) => void;
  private readonly idleFlushMs: number;
  private readonly maxChunkChars: number;
  private readonly scanner: BoundaryScanner;
  private readonly sentences: boolean;
  private readonly firstFlushMs: number | null;
  private buffered = '';
  private chunks = 0;
  private tokens = 0;
  private state: 'open' | 'ended' | 'aborted' = 'open';
  private idleTimer: NodeJS.Timeout | undefined;
  private firstTimer: NodeJS.Timeout | undefined;
  /** The first chunk's deadline passed with no whole word to send: the first one goes at once. */
  private firstOverdue = false;

  constructor({
    onChunk,
    boundary = 'paragraph',
    idleFlushMs = 200,
    maxChunkChars = 2000,
    firstFlushMs = FIRST_FLUSH_MS,
    firstAtSentence = true,
  }: ParagraphBufferOptions) {
    assertPositiveInteger('idleFlushMs', idleFlushMs);
    assertPositiveInteger('maxChunkChars', maxChunkChars);
    if (firstFlushMs !== null) assertPositiveInteger('firstFlushMs', firstFlushMs);
    this.onChunk = onChunk;
    this.idleFlushMs = idleFlushMs;
    this.maxChunkChars = maxChunkChars;
    this.firstFlushMs = firstFlushMs;
    this.sentences = boundary === 'sentence';
    this.scanner = new BoundaryScanner(this.sentences || firstAtSentence);
  }

  get emittedChunks(): number {
    return this.chunks;
  }

  get receivedTokens(): number {
    return this.tokens;
  }

  push(token: string): void {
    if (this.state === 'ended') {
      throw new Error('ParagraphBuffer.push() after end(): this text would never be sent');
    }
    // Tokens racing an abort (the worker lost its lock) belong to a reply nobody will receive.
    if (this.state === 'aborted') return;
    if (this.tokens++ === 0) this.armFirstFlush();
    const boundaryEnd = this.scanner.scan(token);
    this.buffered += token;
    if (boundaryEnd > 0) this.emitVisible(this.buffered.length - token.length + boundaryEnd);
    if (this.firstOverdue && this.chunks === 0) this.emit(wordCut(this.buffered));
    this.splitOversized();
    this.restartIdleTimer();
  }

  /** Sends what is left. Harmless to call twice, or after abort(). */
  end(): void {
    if (this.state !== 'open') return;
    this.state = 'ended';
    this.clearTimers();
    this.emit(this.buffered.length);
  }

  /** Drops what is buffered without sending it, for a stream another worker now owns. */
  abort(): void {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    this.clearTimers();
    this.buffered = '';
  }

  private splitOversized(): void {
    while (this.buffered.length > this.maxChunkChars) {
      this.emit(oversizedCut(this.buffered, this.maxChunkChars));
    }
  }

  private restartIdleTimer(): void {
    if (this.buffered.length === 0) return this.clearIdleTimer();
    // Re-armed on every token: refresh() keeps the one timer instead of allocating another.
    if (this.idleTimer) {
      this.idleTimer.refresh();
      return;
    }
    this.idleTimer = setTimeout(() => this.flushIdle(), this.idleFlushMs);
    // A reply still streaming must not hold a shutting-down process open.
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private armFirstFlush(): void {
    if (this.firstFlushMs === null) return;
    this.firstTimer = setTimeout(() => this.flushFirst(), this.firstFlushMs);
    this.firstTimer.unref();
  }

  private clearTimers(): void {
    this.clearIdleTimer();
    clearTimeout(this.firstTimer);
    this.firstTimer = undefined;
  }

  // Whole words only: a word cut in two would show half of it. With no whole word yet, the first
  // chunk goes with the first token that completes one.
  private flushFirst(): void {
    this.firstTimer = undefined;
    if (this.chunks > 0) return;
    this.firstOverdue = true;
    this.emit(wordCut(this.buffered));
  }

  private flushIdle(): void {
    this.idleTimer = undefined;
    this.emitVisible(this.buffered.length);
  }

  // Whitespace alone (a blank line arriving after its paragraph went out) changes nothing on
  // screen, so it waits and leads the next chunk rather than costing an event of its own.
  private emitVisible(end: number): void {
    if (VISIBLE.test(this.buffered.slice(0, end))) this.emit(end);
  }

  // State is updated before onChunk runs, so a throwing consumer cannot make a chunk go out twice.
  private emit(end: number): void {
    if (end <= 0) return;
    const text = this.buffered.slice(0, end);
    this.buffered = this.buffered.slice(end);
    if (this.chunks === 0) this.firstSent();
    this.onChunk({ index: this.chunks++, text });
  }

  /** From the second chunk on, text is cut at the configured boundary only. */
  private firstSent(): void {
    this.scanner.sentences = this.sentences;
    clearTimeout(this.firstTimer);
    this.firstTimer = undefined;
  }
}
