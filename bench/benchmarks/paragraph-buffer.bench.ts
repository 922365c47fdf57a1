import {
  type ChunkBoundary,
  ParagraphBuffer,
} from '../../apps/gateway-api/src/modules/conversations/pipeline/streaming/paragraph-buffer';
import { type Benchmark, round } from '../benchmark';
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

/** Events the WebSocket would carry for one answer streamed through a ParagraphBuffer. */
function bufferedEvents(tokens: string[], boundary: ChunkBoundary): number {
  const chunks: string[] = [];
  const buffer = new ParagraphBuffer({ boundary, onChunk: (chunk) => chunks.push(chunk.text) });
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

/** WebSocket events per streamed answer, with and without buffering, over realistic answers. */
export const paragraphBuffer: Benchmark = {
  name: 'paragraph-buffer',
  description: `${SUPPORT_ANSWERS.length} support answers, GPT-like tokens, paragraph buffer vs one event per token`,
  async run() {
    const tokenised = SUPPORT_ANSWERS.map((answer) => tokenise(answer.text));
    const events = mean(tokenised.map((tokens) => bufferedEvents(tokens, 'paragraph')));
    const tokens = mean(tokenised.map(perTokenEvents));
    return {
      events_per_answer: round(events),
      tokens_per_answer: round(tokens),
      event_reduction_pct: round(100 * (1 - events / tokens), 1),
      sentence_mode_events_per_answer: round(
        mean(tokenised.map((t) => bufferedEvents(t, 'sentence'))),
      ),
    };
  },
};
