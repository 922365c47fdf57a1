import type { AnswerPromptVersion, AnswerRequest, RetrievedChunk } from '@cxgenie/contracts';
import type { AnswerPart } from '../prompts/verdict-gate';

/** Produces a verdict and then the answer text for a question and its retrieved knowledge. */
export interface AnswerGenerator {
  readonly provider: string;
  readonly model: string;
  generate(
    request: AnswerRequest,
    chunks: readonly RetrievedChunk[],
    signal: AbortSignal,
    /** The prompt a model is asked with (the local generator has none). */
    promptVersion?: AnswerPromptVersion,
  ): AsyncIterable<AnswerPart>;
}
