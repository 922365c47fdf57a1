import type { AnswerRequest, RetrievedChunk } from '@cxgenie/contracts';
import type { AnswerPart } from '../prompts/verdict-gate';
import type { AnswerGenerator } from './answer-generator';
import { composeExtractiveAnswer } from './local/extractive-answer';
import { judgeEvidence } from './local/evidence-verdict';

// Word pieces of at most four characters with their leading space, about how an LLM streams.
const TOKEN = / ?[^\s]{1,4}|\s+/g;
const MAX_SENTENCES = 6;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The answer provider that needs no model and no key: the verdict comes from the retrieval
 * evidence, the answer is the knowledge's own most relevant sentences. It streams token-sized
 * pieces at a model's pace so the rest of the pipeline behaves as it will with a real model.
 */
export class LocalAnswerGenerator implements AnswerGenerator {
  readonly provider = 'local';
  readonly model = 'extractive-v1';

  constructor(private readonly tokenDelayMs: number) {}

  async *generate(
    request: AnswerRequest,
    chunks: readonly RetrievedChunk[],
    signal: AbortSignal,
  ): AsyncGenerator<AnswerPart> {
    const { enough } = judgeEvidence(request.question, [...chunks]);
    yield { kind: 'verdict', enough };
    const text = composeExtractiveAnswer(request.question, [...chunks], {
      maxSentences: MAX_SENTENCES,
    });
    for (const token of text.match(TOKEN) ?? []) {
      if (signal.aborted) return;
      if (this.tokenDelayMs > 0) await pause(this.tokenDelayMs);
      yield { kind: 'text', text: token };
    }
  }
}
