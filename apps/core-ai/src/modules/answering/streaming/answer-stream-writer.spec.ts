import type { AnswerStreamEvent } from '@cxgenie/contracts';
import { AnswerStreamWriter } from './answer-stream-writer';

const FLUSH_MS = 50;

/** A writer whose writes are recorded with the fake clock's time. */
function recorder(flushMs = FLUSH_MS) {
  const writes: { at: number; lines: string }[] = [];
  const writer = new AnswerStreamWriter({
    write: (lines) => writes.push({ at: Date.now(), lines }),
    flushMs,
  });
  const events = () =>
    writes.flatMap(({ lines }) => {
      expect(lines.endsWith('\n')).toBe(true);
      return lines
        .slice(0, -1)
        .split('\n')
        .map((line) => JSON.parse(line) as AnswerStreamEvent);
    });
  const text = () =>
    events()
      .map((event) => (event.type === 'delta' ? event.text : ''))
      .join('');
  return { writer, writes, events, text };
}

const delta = (text: string): AnswerStreamEvent => ({ type: 'delta', text });

describe('AnswerStreamWriter', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('writes the first delta at once, then holds deltas for at most flushMs and joins them', () => {
    const { writer, writes, events } = recorder();
    writer.push(delta('Your'));
    expect(writes).toHaveLength(1);
    for (const token of [' par', 'cel', ' is']) {
      jest.advanceTimersByTime(15);
      writer.push(delta(token));
    }
    expect(writes).toHaveLength(1);
    // Held since t=15: leaves at t=65, whatever arrived since.
    jest.advanceTimersByTime(19);
    expect(writes).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(writes.map((w) => w.at)).toEqual([0, 65]);
    expect(events()).toEqual([delta('Your'), delta(' parcel is')]);
  });

  it('writes a delta that ends a sentence or a line at once, with what it held', () => {
    const { writer, writes, events } = recorder();
    writer.push(delta('Hi'));
    writer.push(delta(' there'));
    writer.push(delta('.'));
    // The sentence ends with the whitespace after its terminator, in whichever delta it comes.
    expect(writes).toHaveLength(1);
    writer.push(delta(' Your'));
    expect(writes).toHaveLength(2);
    writer.push(delta(' parcel'));
    writer.push(delta(':\n'));
    expect(writes).toHaveLength(3);
    writer.push(delta(' "Shipped!"'));
    writer.push(delta(' It'));
    expect(writes).toHaveLength(4);
    expect(events()).toEqual([
      delta('Hi'),
      delta(' there. Your'),
      delta(' parcel:\n'),
      delta(' "Shipped!" It'),
    ]);
    expect(jest.getTimerCount()).toBeLessThanOrEqual(1);
  });

  it('keeps the order: held deltas leave before the next event, in the same write', () => {
    const { writer, writes, events } = recorder();
    writer.push({
      type: 'decision',
      answer: true,
      outcome: 'answered',
      kind: 'small_talk',
      answerability: null,
      citations: [],
    });
    writer.push(delta('Hello'));
    writer.push(delta('!'));
    writer.push(delta(' How'));
    writer.push(delta(' can'));
    writer.push({ type: 'error', message: 'provider failed' });
    expect(writes).toHaveLength(4);
    expect(events().map((e) => e.type)).toEqual(['decision', 'delta', 'delta', 'delta', 'error']);
    expect(writes[3]!.lines.split('\n')).toHaveLength(3);
    expect(events()[3]).toEqual(delta(' can'));
    // Nothing is held any more: the timer, if it fires, writes nothing.
    jest.advanceTimersByTime(FLUSH_MS * 2);
    expect(writes).toHaveLength(4);
  });

  it('writes what it holds on end(), and refuses deltas after it', () => {
    const { writer, writes, text } = recorder();
    writer.push(delta('One'));
    writer.push(delta(' two'));
    writer.end();
    writer.end();
    expect(writes).toHaveLength(2);
    expect(text()).toBe('One two');
    expect(() => writer.push(delta(' three'))).toThrow(/after end/);
    jest.advanceTimersByTime(FLUSH_MS * 2);
    expect(writes).toHaveLength(2);
  });

  it('passes an empty delta on without losing or adding text', () => {
    const { writer, events, text } = recorder();
    writer.push(delta(''));
    writer.push(delta(''));
    writer.push(delta('a'));
    writer.end();
    expect(events()).toEqual([delta(''), delta('a')]);
    expect(text()).toBe('a');
  });

  it('writes every delta as it comes with flushMs 0', () => {
    const { writer, writes } = recorder(0);
    for (const token of ['a', ' b', ' c']) writer.push(delta(token));
    expect(writes.map((w) => w.lines)).toEqual(
      ['a', ' b', ' c'].map((t) => `${JSON.stringify(delta(t))}\n`),
    );
    expect(() => new AnswerStreamWriter({ write: () => undefined, flushMs: -1 })).toThrow(
      RangeError,
    );
  });

  it('sends a model-paced answer in a fraction of the writes, with the exact text in order', () => {
    const sentence =
      'Tracking usually shows the first scan within 24 hours of the label being created, ' +
      'and parcels sometimes sit at a depot for a day or two without a new scan.';
    const answer = `${sentence} ${sentence}\n\n${sentence}\n\n- A list item\n- Another one: "quoted."`;
    const tokens = answer.match(/ ?[^\s]{1,4}|\s+/g)!;
    const { writer, writes, events, text } = recorder();
    for (const token of tokens) {
      jest.advanceTimersByTime(15);
      writer.push(delta(token));
    }
    writer.push({
      type: 'done',
      haveEnoughInformation: true,
      outcome: 'answered',
      provider: 'local',
      model: 'extractive-v2',
      promptVersion: 'answer-v2',
      citations: [],
      attemptedAnswer: null,
      kind: 'knowledge',
      answerability: null,
    });
    expect(text()).toBe(answer);
    expect(events().at(-1)!.type).toBe('done');
    expect(tokens.length).toBeGreaterThan(80);
    // At 15 ms a token and 50 ms of holding: about a write per three to four tokens.
    expect(writes.length).toBeLessThan(tokens.length / 2.5);
    // Nothing waited longer than flushMs: every write follows the previous within it, or
    // carries a delta that arrived after a pause.
    for (let i = 1; i < writes.length; i++) {
      expect(writes[i]!.at - writes[i - 1]!.at).toBeLessThanOrEqual(FLUSH_MS + 15);
    }
  });
});
