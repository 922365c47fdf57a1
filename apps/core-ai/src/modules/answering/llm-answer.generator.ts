import { Logger } from '@nestjs/common';
import type { AnswerPromptVersion, AnswerRequest, RetrievedChunk } from '@cxgenie/contracts';
import { currentTraceId } from '@cxgenie/observability';
import { buildAnswerPrompt } from '../prompts/answer-prompt';
import { type AnswerPart, gateVerdict } from '../prompts/verdict-gate';
import type { ChatModel } from '../llm/chat-model.port';
import type { AnswerGenerator } from './answer-generator';

export interface LlmAnswerOptions {
  maxOutputTokens: number;
  historyTokenBudget: number;
  countTokens: (text: string) => number;
}

/** An answer from a chat model (OpenAI-compatible or Anthropic), verdict first. */
export class LlmAnswerGenerator implements AnswerGenerator {
  private readonly logger = new Logger(LlmAnswerGenerator.name);
  readonly provider: string;

  constructor(
    private readonly chat: ChatModel,
    readonly model: string,
    private readonly options: LlmAnswerOptions,
  ) {
    this.provider = chat.provider;
  }

  generate(
    request: AnswerRequest,
    chunks: readonly RetrievedChunk[],
    signal: AbortSignal,
    promptVersion?: AnswerPromptVersion,
  ): AsyncIterable<AnswerPart> {
    const prompt = buildAnswerPrompt({ request, chunks, ...this.options, version: promptVersion });
    return gateVerdict(this.chat.stream({ ...prompt, model: this.model }, signal), {
      onMalformed: (head) =>
        this.logger.warn(
          `${this.provider} answer for message ${request.messageId} has no verdict line ` +
            `(treated as NO, trace ${currentTraceId() ?? 'none'}): ${JSON.stringify(head)}`,
        ),
    });
  }
}
