import type { AnswerStreamEvent } from '@cxgenie/contracts';
import { SENTENCE_CLOSERS, SENTENCE_TERMINATORS } from '@cxgenie/text-processing';

/*
 * A model streams a token every 10–30 ms, and a line and a network write per token cost CPU on
 * both sides (a write and a timer here; a read, a parse and a paragraph-buffer step in the
 * gateway) for nothing the customer sees: the gateway shows paragraphs. Deltas are therefore
 * joined into one delta per write, which leaves the concatenated text and the order of events
 * as they were. What the gateway's paragraph buffer reacts to is not delayed: the first delta
 * leaves at once (its first-chunk deadline counts from it), and so does a delta that ends a
 * sentence or a line (its boundaries); the rest waits at most `flushMs`.
 */

const WHITESPACE = /\s/;

export interface AnswerStreamWriterOptions {
  /** One network write: one or more complete NDJSON lines. */
  write: (lines: string) => void;
  /** Longest a delta waits for the next ones to join it; 0 writes every delta as it comes. */
  flushMs: number;
}

const lineOf = (event: AnswerStreamEvent): string => `${JSON.stringify(event)}\n`;

export class AnswerStreamWriter {
  private readonly write: (lines: string) => void;
  private readonly flushMs: number;
  /** Delta text held back, not yet written (`holding` tells an empty held delta from none). */
  private pending = '';
  private holding = false;
  private sentDelta = false;
  /** The last visible character ended a sentence (a closer after a terminator still does). */
  private terminated = false;
  private timer: NodeJS.Timeout | undefined;
  /** The timer runs for the text held now. */
  private waiting = false;
  private ended = false;

  constructor({ write, flushMs }: AnswerStreamWriterOptions) {
    if (!Number.isInteger(flushMs) || flushMs < 0) {
      throw new RangeError(`flushMs must be a non-negative integer, got ${flushMs}`);
    }
    this.write = write;
    this.flushMs = flushMs;
  }

  push(event: AnswerStreamEvent): void {
    if (this.ended) throw new Error('AnswerStreamWriter.push() after end(): this would be lost');
    if (event.type !== 'delta') {
      // Held text goes first, in the same write: the order of events is kept.
      this.write(this.takePending() + lineOf(event));
      return;
    }
    const boundary = this.endsBoundary(event.text);
    if (!this.sentDelta || this.flushMs === 0) {
      this.sentDelta = true;
      this.write(this.takePending() + lineOf(event));
      return;
    }
    this.pending += event.text;
    this.holding = true;
    if (boundary) this.flush();
    else this.arm();
  }

  /** Writes what is held. Nothing may be pushed afterwards; harmless to call twice. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
  }

  private flush(): void {
    const lines = this.takePending();
    if (lines) this.write(lines);
  }

  private takePending(): string {
    if (!this.holding) return '';
    const line = lineOf({ type: 'delta', text: this.pending });
    this.pending = '';
    this.holding = false;
    this.waiting = false;
    return line;
  }

  // One timer per writer, re-armed when held text starts to wait: refresh() reuses it. A timer
  // left from a batch flushed early fires with nothing held, which writes nothing.
  private arm(): void {
    if (this.waiting) return;
    this.waiting = true;
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => this.flush(), this.flushMs);
    // An answer still streaming must not hold a shutting-down process open.
    this.timer.unref();
  }

  /** Whether `text` ends a sentence or a line somewhere, given what came before it. */
  private endsBoundary(text: string): boolean {
    let boundary = false;
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (WHITESPACE.test(char)) {
        if (this.terminated || char === '\n') boundary = true;
        this.terminated = false;
      } else {
        this.terminated =
          SENTENCE_TERMINATORS.has(char) || (SENTENCE_CLOSERS.has(char) && this.terminated);
      }
    }
    return boundary;
  }
}
