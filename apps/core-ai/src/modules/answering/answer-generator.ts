import type { AnswerRequest, RetrievedChunk } from '@cxgenie/contracts';
import type { ChatUsage } from '../llm/chat-model.port';
import type { AnswerPart } from '../prompts/verdict-gate';

/** Produces a verdict and then the answer text for a question and its retrieved knowledge. */
export interface AnswerGenerator {
  readonly provider: string;
  readonly model: string;
  generate(
    request: AnswerRequest,
    chunks: readonly RetrievedChunk[],
    signal: AbortSignal,
    /** Filled with the tokens the answer used, once it is done (left at 0 by the local one). */
    usage?: ChatUsage,
  ): AsyncIterable<AnswerPart>;
}
