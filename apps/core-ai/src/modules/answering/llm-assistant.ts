import { Logger } from '@nestjs/common';
import type { AnswerPromptVersion, AnswerRequest, RetrievedChunk } from '@cxgenie/contracts';
import { currentTraceId } from '@cxgenie/observability';
import type { ChatModel, ChatRequest, ChatUsage } from '../llm/chat-model.port';
import { buildAnswerPrompt } from '../prompts/answer-prompt';
import { buildJudgePrompt, readJudgement } from '../prompts/judge-prompt';
import { buildRerankPrompt, readRanking } from '../prompts/rerank-prompt';
import { buildRewritePrompt } from '../prompts/rewrite-prompt';
import { type AnswerPart, gateVerdict } from '../prompts/verdict-gate';

export interface LlmAssistantOptions {
  maxOutputTokens: number;
  historyTokenBudget: number;
  countTokens: (text: string) => number;
}

/**
 * Everything a bot's chat model does for one answer, each call with its own prompt: rewriting a
 * follow-up, re-ranking passages, writing the answer (verdict first), and judging the answer's
 * grounding in a separate call that never sees the answer prompt.
 */
export class LlmAssistant {
  private readonly logger = new Logger(LlmAssistant.name);
  readonly provider: string;

  constructor(
    private readonly chat: ChatModel,
    readonly model: string,
    private readonly options: LlmAssistantOptions,
  ) {
    this.provider = chat.provider;
  }

  /** The answer, verdict first (ADR 0008). */
  answer(
    request: AnswerRequest,
    chunks: readonly RetrievedChunk[],
    signal: AbortSignal,
    version?: AnswerPromptVersion,
    /** Filled with the tokens the answer used, once it is done. */
    usage?: ChatUsage,
  ): AsyncIterable<AnswerPart> {
    const prompt = buildAnswerPrompt({ request, chunks, ...this.options, version });
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

  /** Whether the sources support the answer. Any failure or unclear reply counts as no. */
  async judge(
    question: string,
    answer: string,
    chunks: readonly RetrievedChunk[],
    signal: AbortSignal,
  ): Promise<boolean> {
    try {
      return readJudgement(
        await this.complete(buildJudgePrompt(this.model, question, answer, chunks), signal),
      );
    } catch (error) {
      this.logger.warn(`grounding judge failed (treated as unsupported): ${String(error)}`);
      return false;
    }
  }

  /** A follow-up as a standalone question, or null when the model fails (the caller falls back). */
  async rewrite(request: AnswerRequest, signal: AbortSignal): Promise<string | null> {
    try {
      const text = (await this.complete(buildRewritePrompt(this.model, request), signal)).trim();
      return text ? text.split('\n')[0]!.slice(0, 1_000) : null;
    } catch (error) {
      this.logger.warn(`query rewrite failed (local rewrite used): ${String(error)}`);
      return null;
    }
  }

  /** Passage order by the model (1-based numbers), or null when it fails. */
  async rerank(
    question: string,
    passages: readonly { title: string; text: string }[],
    signal: AbortSignal,
  ): Promise<number[] | null> {
    try {
      const reply = await this.complete(buildRerankPrompt(this.model, question, passages), signal);
      return readRanking(reply, passages.length);
    } catch (error) {
      this.logger.warn(`LLM re-ranking failed (local order kept): ${String(error)}`);
      return null;
    }
  }

  private async complete(prompt: ChatRequest, signal: AbortSignal): Promise<string> {
    let text = '';
    for await (const delta of this.chat.stream(prompt, signal)) text += delta;
    return text;
  }
}
