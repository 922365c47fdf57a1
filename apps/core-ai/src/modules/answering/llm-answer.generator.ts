import { Logger } from '@nestjs/common';
import type { AnswerRequest, RetrievedChunk } from '@cxgenie/contracts';
import { currentTraceId } from '@cxgenie/observability';
import { buildAnswerPrompt } from '../prompts/answer-prompt';
import { type AnswerPart, gateVerdict } from '../prompts/verdict-gate';
import type { ChatModel, ChatRequest, ChatUsage } from '../llm/chat-model.port';
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
    usage?: ChatUsage,
  ): AsyncIterable<AnswerPart> {
    const prompt = buildAnswerPrompt({ request, chunks, ...this.options });
    const chatRequest: ChatRequest = { ...prompt, model: this.model, usage };
    const deltas = this.chat.stream(chatRequest, signal);
    return gateVerdict(usage ? this.counted(deltas, chatRequest, usage) : deltas, {
      onMalformed: (head) =>
        this.logger.warn(
          `${this.provider} answer for message ${request.messageId} has no verdict line ` +
            `(treated as NO, trace ${currentTraceId() ?? 'none'}): ${JSON.stringify(head)}`,
        ),
    });
  }

  /** A server that reports no usage (some OpenAI-compatible ones) is counted here instead. */
  private async *counted(
    deltas: AsyncIterable<string>,
    request: ChatRequest,
    usage: ChatUsage,
  ): AsyncGenerator<string> {
    let text = '';
    for await (const delta of deltas) {
      text += delta;
      yield delta;
    }
    if (usage.reported) return;
    const { countTokens } = this.options;
    usage.promptTokens = countTokens(
      [request.system, ...request.messages.map((m) => m.content)].join('\n'),
    );
    usage.completionTokens = countTokens(text);
  }
}
