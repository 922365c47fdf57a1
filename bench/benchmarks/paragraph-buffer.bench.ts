import {
  type ChunkBoundary,
  ParagraphBuffer,
  type ParagraphBufferOptions,
} from '../../apps/gateway-api/src/modules/conversations/pipeline/streaming/paragraph-buffer';
import { type Benchmark, percentile, round } from '../benchmark';
import { SUPPORT_ANSWERS } from '../datasets/support-answers';

/*
 * Approximates how a GPT BPE tokeniser (cl100k) streams English text. Words and numbers travel
 * with their leading space. cl100k averages about four characters per token on prose, so letter
 * runs are cut into pieces of at most four; real BPE keeps common words whole and splits rare
 * ones, which roughly evens out. Punctuation runs are one token and take trailing newlines with
 * them (".\n\n" is one token), a run of newlines stays whole, and a run of spaces leaves its
 * last space to the next word: the `[\r\n]*`, `\s*[\r\n]+` and `\s+(?!\S)` parts of cl100k's
 * own pattern.
 */
const GPT_LIKE_TOKEN =
  / ?[A-Za-z]{1,4}| ?\d{1,3}| ?[^\sA-Za-z\d]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/g;

function tokenise(text: string): string[] {
  const tokens = text.match(GPT_LIKE_TOKEN) ?? [];
  // A token the pattern skipped would make every figure below wrong without any error.
  if (tokens.join('') !== text) throw new Error('tokeniser lost characters');
  return tokens;
}

type Mode = Pick<ParagraphBufferOptions, 'firstFlushMs' | 'firstAtSentence'>;

/** The buffer as it was before the first-chunk rules: every chunk waited for its paragraph. */
const BEFORE: Mode = { firstFlushMs: null, firstAtSentence: false };
/** As the gateway runs it: the first chunk at the first sentence or 250 ms, whichever first. */
const AFTER: Mode = {};

/** The local answer provider's pace (LOCAL_LLM_TOKEN_DELAY_MS), which the widget-load bench uses. */
const TOKEN_MS = 15;
const PACED_ROUNDS = 3;

/** Events the WebSocket would carry for one answer streamed through a ParagraphBuffer. */
function bufferedEvents(tokens: string[], boundary: ChunkBoundary, mode: Mode = AFTER): number {
  const chunks: string[] = [];
  const buffer = new ParagraphBuffer({
    ...mode,
    boundary,
    onChunk: (chunk) => chunks.push(chunk.text),
  });
  // Synchronous pushes: a model streams far faster than the 200 ms idle flush, so it never fires.
  for (const token of tokens) buffer.push(token);
  buffer.end();
  if (chunks.join('') !== tokens.join('')) throw new Error(`${boundary} mode altered the text`);
  return buffer.emittedChunks;
}

/** The baseline: one event per token, as the gateway sent before the buffer. */
function perTokenEvents(tokens: string[]): number {
  let events = 0;
  const emit = (_token: string) => events++;
  for (const token of tokens) emit(token);
  return events;
}

const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

interface PacedAnswer {
  /** From the first token to the first chunk out of the buffer. */
  firstChunkMs: number;
  events: number;
}

/**
 * One answer streamed at a model's pace on real timers: token i is due TOKEN_MS × i after the
 * first (a schedule, so a late timer does not push every later token back).
 */
function streamPaced(tokens: string[], mode: Mode): Promise<PacedAnswer> {
  return new Promise((resolve, reject) => {
    let firstChunkAt: number | null = null;
    const buffer = new ParagraphBuffer({
      ...mode,
      onChunk: () => (firstChunkAt ??= performance.now()),
    });
    const started = performance.now();
    let next = 0;
    const tick = () => {
      try {
        while (next < tokens.length && performance.now() >= started + next * TOKEN_MS)
          buffer.push(tokens[next++]);
        if (next < tokens.length) {
          setTimeout(tick, Math.max(0, started + next * TOKEN_MS - performance.now()));
          return;
        }
        buffer.end();
        resolve({ firstChunkMs: firstChunkAt! - started, events: buffer.emittedChunks });
      } catch (error) {
        reject(error as Error);
      }
    };
    tick();
  });
}

/** Every answer at once (they only share the event loop), the two modes in alternate rounds. */
async function pacedRounds(
  tokenised: string[][],
): Promise<Record<'before' | 'after', PacedAnswer[]>> {
  const results = { before: [] as PacedAnswer[], after: [] as PacedAnswer[] };
  for (let round = 0; round < PACED_ROUNDS; round++) {
    results.before.push(...(await Promise.all(tokenised.map((t) => streamPaced(t, BEFORE)))));
    results.after.push(...(await Promise.all(tokenised.map((t) => streamPaced(t, AFTER)))));
  }
  return results;
}

const sortedFirstChunks = (answers: PacedAnswer[]) =>
  answers.map((a) => a.firstChunkMs).sort((x, y) => x - y);

/**
 * WebSocket events per streamed answer, with and without buffering, over realistic answers; and
 * how long the first words wait in the buffer at a model's pace, with the first-chunk rules
 * (`first_chunk_*`) and without them (`before_*`), in alternate rounds of one run.
 */
export const paragraphBuffer: Benchmark = {
  name: 'paragraph-buffer',
  description: `${SUPPORT_ANSWERS.length} support answers, GPT-like tokens, paragraph buffer vs one event per token; first chunk at ${TOKEN_MS} ms/token, ${PACED_ROUNDS} rounds with and without the first-chunk deadline, alternated`,
  async run() {
    const tokenised = SUPPORT_ANSWERS.map((answer) => tokenise(answer.text));
    const events = mean(tokenised.map((tokens) => bufferedEvents(tokens, 'paragraph')));
    const before = mean(tokenised.map((tokens) => bufferedEvents(tokens, 'paragraph', BEFORE)));
    const tokens = mean(tokenised.map(perTokenEvents));
    const paced = await pacedRounds(tokenised);
    const firstAfter = sortedFirstChunks(paced.after);
    const firstBefore = sortedFirstChunks(paced.before);
    const pacedReduction = (answers: PacedAnswer[]) =>
      round(100 * (1 - mean(answers.map((a) => a.events)) / tokens), 1);
    return {
      events_per_answer: round(events),
      tokens_per_answer: round(tokens),
      event_reduction_pct: round(100 * (1 - events / tokens), 1),
      sentence_mode_events_per_answer: round(
        mean(tokenised.map((t) => bufferedEvents(t, 'sentence'))),
      ),
      first_chunk_p50_ms: round(percentile(firstAfter, 50)),
      first_chunk_p99_ms: round(percentile(firstAfter, 99)),
      paced_event_reduction_pct: pacedReduction(paced.after),
      before_events_per_answer: round(before),
      before_event_reduction_pct: round(100 * (1 - before / tokens), 1),
      before_first_chunk_p50_ms: round(percentile(firstBefore, 50)),
      before_first_chunk_p99_ms: round(percentile(firstBefore, 99)),
      before_paced_event_reduction_pct: pacedReduction(paced.before),
    };
  },
};
