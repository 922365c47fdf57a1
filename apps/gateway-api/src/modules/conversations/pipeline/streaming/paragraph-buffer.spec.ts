import { ParagraphBuffer, type ParagraphBufferOptions, type StreamChunk } from './paragraph-buffer';

type Options = Omit<ParagraphBufferOptions, 'onChunk'>;

/**
 * How text is cut once the first chunk is out, which is what most of these tests are about: the
 * first chunk's own rules (first sentence, deadline) are tested on their own, with the defaults.
 */
const STEADY: Options = { firstFlushMs: null, firstAtSentence: false };

function collect(options: Options = {}): { buffer: ParagraphBuffer; chunks: StreamChunk[] } {
  const chunks: StreamChunk[] = [];
  const buffer = new ParagraphBuffer({
    ...STEADY,
    ...options,
    onChunk: (chunk) => chunks.push(chunk),
  });
  return { buffer, chunks };
}

/** With the defaults a production stream runs with: the first chunk comes early. */
function collectDefault(options: Options = {}): {
  buffer: ParagraphBuffer;
  chunks: StreamChunk[];
} {
  const chunks: StreamChunk[] = [];
  const buffer = new ParagraphBuffer({ ...options, onChunk: (chunk) => chunks.push(chunk) });
  return { buffer, chunks };
}

const texts = (chunks: StreamChunk[]): string[] => chunks.map((chunk) => chunk.text);

function pushAll(buffer: ParagraphBuffer, tokens: string[]): void {
  for (const token of tokens) buffer.push(token);
}

/** Small seeded PRNG, so a failing tokenisation can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomInt = (random: () => number, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

function randomTokens(text: string, random: () => number): string[] {
  const longest = [1, 3, 6, 12, 40][randomInt(random, 0, 4)];
  const tokens: string[] = [];
  for (let at = 0; at < text.length; ) {
    const length = randomInt(random, 1, longest);
    tokens.push(text.slice(at, at + length));
    at += length;
  }
  return tokens;
}

const ANSWERS: Record<string, string> = {
  list: [
    'You can change the email address on your account from **Settings → Profile**.',
    '',
    'Here is what happens next:',
    '- we send a confirmation link to the new address;',
    '- the old address keeps working until you click it.',
    '',
    'If the link does not arrive within ten minutes, check your spam folder or ask us to resend it!',
  ].join('\n'),
  codeFence: [
    'Paste this snippet just before the closing `</body>` tag of every page:',
    '',
    '```html',
    '<script src="https://widget.example.test/loader.js"></script>',
    '',
    '<script>',
    '  Widget.init({ botId: "b_123" });',
    '',
    '  Widget.open(); // optional. Opens the chat right away.',
    '</script>',
    '```',
    '',
    'Reload the page and the bubble appears in the bottom-right corner.',
    '',
    '   ```',
    'indented fence, still code.',
    '',
    '   ```',
    'Done.',
  ].join('\n'),
  crlf: [
    'Refunds go back to the original payment method.\r',
    '\r',
    'Card refunds take 5–10 business days. PayPal is usually faster.\r',
    '\r',
    '\r',
    'Still waiting after that? Reply here with your order number.',
  ].join('\n'),
  punctuation: [
    'Your plan renews on the 3rd. The price stays at $49.50 (billed yearly.) Questions?',
    'She said "it works now." Great… Next steps:',
    '',
    '1. Open the dashboard.',
    '2. Click [Export.] and wait!',
    '12. Or call us?! We answer e.g. on weekends too.',
  ].join('\n'),
  oddWhitespace: [
    '\n\nLeading blank lines are part of the answer.',
    ' \t',
    'A line of spaces and a tab is blank. 🎉 Emoji stay whole.',
    '\t\n\n\n',
    '    ```',
    'four spaces: indented code, not a fence, so this blank line counts:',
    '',
    'The end, with trailing whitespace.  \n\n  ',
  ].join('\n'),
};

/*
 * Where the buffer may cut, worked out with regexes over the whole answer rather than the
 * scanner's character-by-character state, so that the two can disagree.
 */
function insideFence(text: string, at: number): boolean {
  const fenceLines = [...text.matchAll(/^ {0,3}```/gm)].filter((match) => match.index < at);
  return fenceLines.length % 2 === 1;
}

function paragraphBoundaries(text: string): Set<number> {
  const ends = [...text.matchAll(/\n(?=[^\S\n]*\n)/g)].map(
    (match) => text.indexOf('\n', match.index + 1) + 1,
  );
  return new Set(ends.filter((end) => !insideFence(text, end)));
}

const SENTENCE_END = /[.!?…]["'”’)\]]*[^\S\n]*\s$/;
const LIST_MARKER_END = /(^|\n)[^\S\n]*\d{1,3}\.[^\S\n]*\s$/;

function isSentenceBoundary(text: string, end: number): boolean {
  const before = text.slice(0, end);
  return SENTENCE_END.test(before) && !LIST_MARKER_END.test(before) && !insideFence(text, end);
}

function expectWellFormed(chunks: StreamChunk[], tokens: string[]): void {
  expect(chunks.map((chunk) => chunk.text).join('')).toBe(tokens.join(''));
  expect(chunks.map((chunk) => chunk.index)).toEqual(chunks.map((_, i) => i));
  for (const chunk of chunks) expect(chunk.text).not.toBe('');
}

describe('ParagraphBuffer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('paragraph boundaries', () => {
    it('holds text until a blank line, then emits it with the blank line', () => {
      const { buffer, chunks } = collect();
      pushAll(buffer, ['Hello', ' there.', '\nSecond line', ' of it.', '\n']);
      expect(chunks).toEqual([]);
      buffer.push('\nNext');
      expect(chunks).toEqual([{ index: 0, text: 'Hello there.\nSecond line of it.\n\n' }]);
    });

    it('counts a line of horizontal whitespace between newlines as blank', () => {
      const { buffer, chunks } = collect();
      pushAll(buffer, ['One', '\n', ' ', '\t', '\n', 'Two', '\n\t \n', 'Three']);
      expect(texts(chunks)).toEqual(['One\n \t\n', 'Two\n\t \n']);
    });

    it('treats CRLF line endings like LF, keeping the \\r in the chunk', () => {
      const { buffer, chunks } = collect();
      pushAll(buffer, ['One', '\r', '\n', '\r', '\n', 'Two\r\n\r\nThree']);
      expect(texts(chunks)).toEqual(['One\r\n\r\n', 'Two\r\n\r\n']);
    });

    it('emits everything up to the last boundary of a push as one chunk', () => {
      const { buffer, chunks } = collect();
      buffer.push('A\n\nB\n\nC');
      expect(texts(chunks)).toEqual(['A\n\nB\n\n']);
    });

    it('does not cut at sentence ends or single newlines', () => {
      const { buffer, chunks } = collect();
      pushAll(buffer, ['Done. ', 'Really! ', 'Sure? ', '\n', '- item\n']);
      expect(chunks).toEqual([]);
    });

    it('holds a boundary of bare whitespace so it leads the next chunk', () => {
      const { buffer, chunks } = collect();
      pushAll(buffer, ['A\n\n', '\n', ' ']);
      jest.advanceTimersByTime(1000);
      expect(texts(chunks)).toEqual(['A\n\n']);
      pushAll(buffer, ['B\n\n']);
      expect(texts(chunks)).toEqual(['A\n\n', '\n B\n\n']);
    });

    it('sends no chunk for blank lines at the very start', () => {
      const { buffer, chunks } = collect();
      buffer.push('\nHello');
      expect(chunks).toEqual([]);
      buffer.push('\n\n');
      expect(texts(chunks)).toEqual(['\nHello\n\n']);
    });
  });

  describe('sentence boundaries', () => {
    it('cuts after . ! ? and … followed by whitespace, keeping the whitespace', () => {
      const { buffer, chunks } = collect({ boundary: 'sentence' });
      pushAll(buffer, ['One', '.', ' Two', '!', ' Three', '?', '\n', 'Four…', ' Five']);
      expect(texts(chunks)).toEqual(['One. ', 'Two! ', 'Three?\n', 'Four… ']);
    });

    it('keeps closing quotes and brackets with their sentence', () => {
      const { buffer, chunks } = collect({ boundary: 'sentence' });
      pushAll(buffer, ['He said "done."', ' It works (mostly.)', ' Yes.’', ' End']);
      expect(texts(chunks)).toEqual(['He said "done." ', 'It works (mostly.) ', 'Yes.’ ']);
    });

    it('waits for the whitespace after the terminator, even in a later token', () => {
      const { buffer, chunks } = collect({ boundary: 'sentence' });
      pushAll(buffer, ['Price is $49', '.', '50 today', '.']);
      expect(chunks).toEqual([]);
      buffer.push(' Next');
      expect(texts(chunks)).toEqual(['Price is $49.50 today. ']);
    });

    it('takes the whole run of whitespace after a sentence, up to a newline', () => {
      const { buffer, chunks } = collect({ boundary: 'sentence' });
      pushAll(buffer, ['One.  Two', '.\r\n  Three', '. ']);
      expect(texts(chunks)).toEqual(['One.  ', 'Two.\r\n', '  Three. ']);
    });

    it('does not take a numbered list marker for a sentence end', () => {
      const { buffer, chunks } = collect({ boundary: 'sentence' });
      pushAll(buffer, ['Steps:\n', '1', '. Open it.', '\n', '  12. Save']);
      expect(texts(chunks)).toEqual(['Steps:\n1. Open it.\n']);
    });

    it('also cuts at blank lines', () => {
      const { buffer, chunks } = collect({ boundary: 'sentence' });
      pushAll(buffer, ['Heading', '\n\n', 'Body']);
      expect(texts(chunks)).toEqual(['Heading\n\n']);
    });

    it('sends no chunk of bare whitespace when a blank line follows a sent sentence', () => {
      const { buffer, chunks } = collect({ boundary: 'sentence' });
      pushAll(buffer, ['End.\n', '\n', 'Next.', ' ']);
      expect(texts(chunks)).toEqual(['End.\n', '\nNext. ']);
    });
  });

  describe('code fences', () => {
    const fenced = ['Run:\n\n', '```', 'bash\n', 'npm i\n', '\n', 'npm start. ', 'Then\n', '```'];

    it('does not cut at a blank line inside a fence', () => {
      const { buffer, chunks } = collect();
      pushAll(buffer, fenced);
      expect(texts(chunks)).toEqual(['Run:\n\n']);
      pushAll(buffer, ['\n', '\n', 'After']);
      expect(texts(chunks)).toEqual(['Run:\n\n', '```bash\nnpm i\n\nnpm start. Then\n```\n\n']);
    });

    it('does not cut at a sentence end inside a fence', () => {
      const { buffer, chunks } = collect({ boundary: 'sentence' });
      pushAll(buffer, fenced);
      expect(texts(chunks)).toEqual(['Run:\n\n']);
      pushAll(buffer, ['\n', 'Done. ', 'Bye']);
      expect(texts(chunks)).toEqual(['Run:\n\n', '```bash\nnpm i\n\nnpm start. Then\n```\nDone. ']);
    });

    it('recognises a fence marker split into single characters', () => {
      const { buffer, chunks } = collect();
      pushAll(buffer, [...'```\na\n\nb\n```\n\nc']);
      expect(texts(chunks)).toEqual(['```\na\n\nb\n```\n\n']);
    });

    it('keeps the fence state across an idle flush inside the fence', () => {
      const { buffer, chunks } = collect();
      buffer.push('```\ncode');
      jest.advanceTimersByTime(200);
      pushAll(buffer, ['\n\nmore\n', '```\n\n']);
      expect(texts(chunks)).toEqual(['```\ncode', '\n\nmore\n```\n\n']);
    });
  });

  describe('idle flush', () => {
    it('emits the buffered text once no token came for 200 ms, not before', () => {
      const { buffer, chunks } = collect();
      buffer.push('Thinking');
      jest.advanceTimersByTime(199);
      expect(chunks).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(chunks).toEqual([{ index: 0, text: 'Thinking' }]);
    });

    it('restarts the timer on every push', () => {
      const { buffer, chunks } = collect();
      buffer.push('a');
      jest.advanceTimersByTime(150);
      buffer.push('b');
      jest.advanceTimersByTime(150);
      buffer.push('c');
      jest.advanceTimersByTime(199);
      expect(chunks).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(texts(chunks)).toEqual(['abc']);
    });

    it('honours a custom idleFlushMs', () => {
      const { buffer, chunks } = collect({ idleFlushMs: 50 });
      buffer.push('x');
      jest.advanceTimersByTime(49);
      expect(chunks).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(texts(chunks)).toEqual(['x']);
    });

    it('keeps no timer while nothing is buffered', () => {
      const { buffer } = collect();
      buffer.push('Para\n\n');
      expect(jest.getTimerCount()).toBe(0);
      buffer.push('more');
      expect(jest.getTimerCount()).toBe(1);
    });

    it('never keeps the process alive (the timer is unref’d)', () => {
      jest.useRealTimers();
      const keepingAlive = () =>
        process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
      const before = keepingAlive();
      const { buffer } = collect({ idleFlushMs: 60_000 });
      buffer.push('pending');
      expect(keepingAlive()).toBe(before);
      buffer.abort();
    });
  });

  describe('end()', () => {
    it('emits what remains and clears the timer', () => {
      const { buffer, chunks } = collect();
      pushAll(buffer, ['Para\n\n', 'tail']);
      buffer.end();
      expect(texts(chunks)).toEqual(['Para\n\n', 'tail']);
      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(1000);
      expect(chunks).toHaveLength(2);
    });

    it('emits nothing when nothing is buffered, and is harmless twice', () => {
      const { buffer, chunks } = collect();
      buffer.push('Para\n\n');
      buffer.end();
      buffer.end();
      expect(texts(chunks)).toEqual(['Para\n\n']);
    });

    it('makes a later push throw instead of losing the token', () => {
      const { buffer, chunks } = collect();
      buffer.end();
      expect(() => buffer.push('late')).toThrow(/after end/);
      expect(chunks).toEqual([]);
    });
  });

  describe('abort()', () => {
    it('drops the buffered text without emitting it, now or on the timer', () => {
      const { buffer, chunks } = collect();
      pushAll(buffer, ['Para\n\n', 'half a sentence']);
      buffer.abort();
      jest.advanceTimersByTime(1000);
      buffer.end();
      expect(texts(chunks)).toEqual(['Para\n\n']);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('ignores tokens that race the abort', () => {
      const { buffer, chunks } = collect();
      buffer.abort();
      buffer.push('late\n\n');
      expect(chunks).toEqual([]);
      expect(buffer.receivedTokens).toBe(0);
    });
  });

  describe('maxChunkChars', () => {
    it('cuts an oversized paragraph after the last whitespace within the limit', () => {
      const { buffer, chunks } = collect({ maxChunkChars: 10 });
      pushAll(buffer, ['aaa bbb', ' cc', 'c ddd']);
      expect(texts(chunks)).toEqual(['aaa bbb ']);
      buffer.end();
      expect(texts(chunks)).toEqual(['aaa bbb ', 'ccc ddd']);
    });

    it('emits all of it when there is no whitespace to cut at', () => {
      const { buffer, chunks } = collect({ maxChunkChars: 5 });
      pushAll(buffer, ['abcd', 'efgh']);
      expect(texts(chunks)).toEqual(['abcdefgh']);
    });

    it('cuts one huge token into chunks within the limit', () => {
      const { buffer, chunks } = collect({ maxChunkChars: 12 });
      buffer.push('one two three four five six seven');
      expect(texts(chunks)).toEqual(['one two ', 'three four ', 'five six ']);
      expect(chunks.every((chunk) => chunk.text.length <= 12)).toBe(true);
    });

    it('applies to what is left after a boundary', () => {
      const { buffer, chunks } = collect({ maxChunkChars: 8 });
      buffer.push('A\n\nbbb ccc ddd');
      expect(texts(chunks)).toEqual(['A\n\n', 'bbb ccc ']);
    });

    it('rejects limits that are not positive integers', () => {
      const onChunk = () => undefined;
      expect(() => new ParagraphBuffer({ onChunk, maxChunkChars: 0 })).toThrow(RangeError);
      expect(() => new ParagraphBuffer({ onChunk, idleFlushMs: 1.5 })).toThrow(RangeError);
      expect(() => new ParagraphBuffer({ onChunk, firstFlushMs: 0 })).toThrow(RangeError);
    });
  });

  it('numbers chunks without gaps whatever emitted them, and counts what it saw', () => {
    const { buffer, chunks } = collect({ maxChunkChars: 10 });
    buffer.push('Para one\n\n');
    buffer.push('a very long line');
    buffer.push('idle');
    jest.advanceTimersByTime(200);
    buffer.push('tail');
    buffer.end();
    expect(chunks.map((chunk) => chunk.index)).toEqual([0, 1, 2, 3, 4]);
    expect(texts(chunks)).toEqual(['Para one\n\n', 'a very ', 'long ', 'lineidle', 'tail']);
    expect(buffer.emittedChunks).toBe(5);
    expect(buffer.receivedTokens).toBe(4);
  });

  it('calls onChunk synchronously, inside push()', () => {
    let seenDuringPush = 0;
    const buffer = new ParagraphBuffer({ ...STEADY, onChunk: () => seenDuringPush++ });
    buffer.push('Para\n\n');
    expect(seenDuringPush).toBe(1);
  });

  describe('the first chunk', () => {
    it('goes at the end of the first sentence, then paragraphs as before', () => {
      const { buffer, chunks } = collectDefault();
      pushAll(buffer, ['Your parcel', ' ships today', '.', ' It arrives', ' Friday.', ' Track it']);
      expect(texts(chunks)).toEqual(['Your parcel ships today. ']);
      pushAll(buffer, [' online.', '\n\n', 'Anything', ' else?']);
      expect(texts(chunks)).toEqual([
        'Your parcel ships today. ',
        'It arrives Friday. Track it online.\n\n',
      ]);
    });

    it('goes 250 ms after the first token at the latest, in whole words', () => {
      const { buffer, chunks } = collectDefault();
      buffer.push('Your');
      for (const token of [' parcel', ' ships', ' tod']) {
        jest.advanceTimersByTime(60);
        buffer.push(token);
      }
      jest.advanceTimersByTime(69);
      expect(chunks).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(chunks).toEqual([{ index: 0, text: 'Your parcel ships ' }]);
      buffer.push('ay');
      jest.advanceTimersByTime(60);
      buffer.push(' and');
      buffer.end();
      expect(texts(chunks)).toEqual(['Your parcel ships ', 'today and']);
    });

    it('after a deadline with no whole word yet, goes with the first token that completes one', () => {
      const { buffer, chunks } = collectDefault();
      for (const token of ['Super', 'califragil', 'istic']) {
        buffer.push(token);
        jest.advanceTimersByTime(100);
      }
      expect(chunks).toEqual([]);
      buffer.push('expialidocious');
      expect(chunks).toEqual([]);
      buffer.push(' is');
      expect(texts(chunks)).toEqual(['Supercalifragilisticexpialidocious ']);
    });

    it('sets no deadline for later chunks', () => {
      const { buffer, chunks } = collectDefault();
      pushAll(buffer, ['Hello. ', 'More']);
      for (let i = 0; i < 10; i++) {
        jest.advanceTimersByTime(100);
        buffer.push(' words');
      }
      expect(texts(chunks)).toEqual(['Hello. ']);
    });

    it('does not count a sentence end inside a code fence', () => {
      const { buffer, chunks } = collectDefault();
      pushAll(buffer, ['```\n', 'a. b', '\n```\n', 'Done. ']);
      expect(texts(chunks)).toEqual(['```\na. b\n```\nDone. ']);
    });

    it('honours a custom deadline, and none', () => {
      const early = collectDefault({ firstFlushMs: 40 });
      early.buffer.push('One two');
      jest.advanceTimersByTime(40);
      expect(texts(early.chunks)).toEqual(['One ']);
      const never = collectDefault({ firstFlushMs: null, firstAtSentence: false });
      never.buffer.push('One. two');
      jest.advanceTimersByTime(150);
      expect(never.chunks).toEqual([]);
      early.buffer.abort();
      never.buffer.abort();
    });

    it('clears its deadline on end() and abort()', () => {
      const ended = collectDefault();
      ended.buffer.push('Bye');
      ended.buffer.end();
      const aborted = collectDefault();
      aborted.buffer.push('Gone');
      aborted.buffer.abort();
      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(1000);
      expect(texts(ended.chunks)).toEqual(['Bye']);
      expect(aborted.chunks).toEqual([]);
    });
  });

  describe('invariants over random tokenisations', () => {
    const names = Object.keys(ANSWERS);
    const answerFor = (seed: number): string => ANSWERS[names[seed % names.length]];

    it('paragraph mode cuts at the last blank line outside a fence after every push', () => {
      for (let seed = 1; seed <= 300; seed++) {
        const answer = answerFor(seed);
        const boundaries = paragraphBoundaries(answer);
        const tokens = randomTokens(answer, mulberry32(seed));
        const { buffer, chunks } = collect();
        let pushed = 0;
        let expected = 0;
        for (const token of tokens) {
          buffer.push(token);
          pushed += token.length;
          const boundary = Math.max(0, ...[...boundaries].filter((end) => end <= pushed));
          if (/\S/.test(answer.slice(expected, boundary))) expected = boundary;
          const emitted = texts(chunks).join('').length;
          if (emitted !== expected) {
            throw new Error(`seed ${seed}: emitted ${emitted}, expected ${expected}`);
          }
        }
        buffer.end();
        expectWellFormed(chunks, tokens);
        expect(buffer.receivedTokens).toBe(tokens.length);
        expect(buffer.emittedChunks).toBe(chunks.length);
      }
    });

    it('every chunk but the last ends at a boundary, an idle flush or a size split', () => {
      type Cause = 'push' | 'idle' | 'end';
      for (let seed = 1; seed <= 300; seed++) {
        const random = mulberry32(seed);
        const answer = answerFor(seed);
        const boundaries = paragraphBoundaries(answer);
        const maxChunkChars = randomInt(random, 20, 400);
        const tokens = randomTokens(answer, random);
        const chunks: Array<StreamChunk & { cause: Cause; end: number }> = [];
        let cause: Cause = 'push';
        let emitted = 0;
        const buffer = new ParagraphBuffer({
          ...STEADY,
          maxChunkChars,
          onChunk: (chunk) => {
            emitted += chunk.text.length;
            chunks.push({ ...chunk, cause, end: emitted });
          },
        });
        for (const token of tokens) {
          cause = 'push';
          buffer.push(token);
          cause = 'idle';
          jest.advanceTimersByTime(random() < 0.05 ? 250 : randomInt(random, 0, 60));
        }
        cause = 'end';
        buffer.end();

        expectWellFormed(chunks, tokens);
        for (const [i, chunk] of chunks.entries()) {
          const sizeSplit =
            (chunk.text.length <= maxChunkChars && /\s$/.test(chunk.text)) ||
            !/\s/.test(chunk.text.slice(1, maxChunkChars));
          const ok =
            chunk.cause === 'push'
              ? boundaries.has(chunk.end) || sizeSplit
              : chunk.cause === 'idle' || i === chunks.length - 1;
          if (!ok) throw new Error(`seed ${seed}: chunk ${i} ${JSON.stringify(chunk)}`);
        }
      }
    });

    it('sentence mode cuts only after a sentence end or a blank line outside a fence', () => {
      for (let seed = 1; seed <= 300; seed++) {
        const answer = answerFor(seed);
        const boundaries = paragraphBoundaries(answer);
        const tokens = randomTokens(answer, mulberry32(seed));
        const { buffer, chunks } = collect({ boundary: 'sentence' });
        pushAll(buffer, tokens);
        const sentDuringPushes = chunks.length;
        buffer.end();
        expectWellFormed(chunks, tokens);
        let end = 0;
        for (const chunk of chunks.slice(0, sentDuringPushes)) {
          end += chunk.text.length;
          if (!boundaries.has(end) && !isSentenceBoundary(answer, end)) {
            throw new Error(`seed ${seed}: cut at ${JSON.stringify(answer.slice(0, end))}`);
          }
        }
      }
    });

    it('with the defaults, loses nothing and has a chunk out once the deadline passed', () => {
      let metByDeadline = 0;
      for (let seed = 1; seed <= 300; seed++) {
        const random = mulberry32(seed);
        const answer = answerFor(seed);
        const tokens = randomTokens(answer, random);
        const { buffer, chunks } = collectDefault();
        let elapsed = 0;
        let pushed = '';
        // From 250 ms after the first token, a chunk is out as soon as a whole word is there.
        const check = () => {
          if (elapsed >= 250 && /\S\s/.test(pushed) && chunks.length === 0) {
            throw new Error(`seed ${seed}: no chunk ${elapsed} ms after the first token`);
          }
        };
        for (const token of tokens) {
          buffer.push(token);
          pushed += token;
          check();
          const step = randomInt(random, 0, 60);
          jest.advanceTimersByTime(step);
          elapsed += step;
          check();
          if (elapsed >= 250 && elapsed - step < 250 && chunks.length > 0) metByDeadline++;
        }
        buffer.end();
        expectWellFormed(chunks, tokens);
      }
      // Not vacuous: most answers are still streaming when the deadline passes.
      expect(metByDeadline).toBeGreaterThan(100);
    });
  });
});
