import { VERDICT_PREFIX } from './answer-prompt';

/** What a generator produces: exactly one verdict first, then the answer text. */
export type AnswerPart = { kind: 'verdict'; enough: boolean } | { kind: 'text'; text: string };

/** A model that has not written its verdict within this many characters is not following the format. */
const MAX_VERDICT_CHARS = 64;
const VERDICT_LINE = /^\s*[*_`#>]*\s*VERDICT\s*:\s*[*_`]*\s*(YES|NO)\b[*_`.!]*/i;

export interface VerdictGateOptions {
  /** Called once when the model's output does not start with a verdict line. */
  onMalformed: (head: string) => void;
}

/**
 * Turns a model's raw text stream into a verdict followed by the answer. The verdict line is held
 * back until complete, so the customer never sees it; everything after it flows through as it
 * arrives. Output that does not open with a verdict counts as NO: an unsure bot stays quiet
 * rather than risking a wrong answer.
 */
export async function* gateVerdict(
  deltas: AsyncIterable<string>,
  { onMalformed }: VerdictGateOptions,
): AsyncGenerator<AnswerPart> {
  let head = '';
  let decided = false;
  // The blank line after the verdict may arrive in later deltas; the answer starts at its first word.
  let answerStarted = false;
  for await (const delta of deltas) {
    if (decided) {
      const text = answerStarted ? delta : delta.replace(/^\s+/, '');
      if (text) {
        answerStarted = true;
        yield { kind: 'text', text };
      }
      continue;
    }
    head += delta;
    const reading = readVerdict(head, false);
    if (reading === 'pending') continue;
    decided = true;
    for (const part of settle(head, reading, onMalformed)) {
      if (part.kind === 'text') answerStarted = true;
      yield part;
    }
  }
  if (!decided) {
    const reading = readVerdict(head, true);
    yield* settle(head, reading === 'pending' ? 'malformed' : reading, onMalformed);
  }
}

function* settle(
  head: string,
  reading: Exclude<Reading, 'pending'>,
  onMalformed: (head: string) => void,
): Generator<AnswerPart> {
  if (reading === 'malformed') {
    onMalformed(head.slice(0, MAX_VERDICT_CHARS));
    yield { kind: 'verdict', enough: false };
    if (head) yield { kind: 'text', text: head };
    return;
  }
  yield { kind: 'verdict', enough: reading.enough };
  const rest = head.slice(reading.length).replace(/^\s+/, '');
  if (rest) yield { kind: 'text', text: rest };
}

type Reading = 'pending' | 'malformed' | { enough: boolean; length: number };

/** Decides as soon as the verdict word is complete (one more character, or the end, follows it). */
function readVerdict(head: string, ended: boolean): Reading {
  const match = VERDICT_LINE.exec(head);
  if (match && (ended || head.length > match[0].length)) {
    return { enough: match[1]!.toUpperCase() === 'YES', length: match[0].length };
  }
  if (ended) return 'malformed';
  const trimmed = head.trimStart();
  if (trimmed.length > MAX_VERDICT_CHARS) return 'malformed';
  if (match) return 'pending';
  const stripped = trimmed.replace(/^[*_`#>]+\s*/, '').toUpperCase();
  const prefix = VERDICT_PREFIX.toUpperCase();
  const couldBe =
    stripped.length <= prefix.length
      ? prefix.startsWith(stripped)
      : stripped.startsWith(prefix) && !stripped.includes('\n');
  return couldBe ? 'pending' : 'malformed';
}
