import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { LlmProvider } from '@cxgenie/contracts';
import { countTokens } from '@cxgenie/text-processing';
import type { ChatModel } from '../llm/chat-model.port';
import { LlmMetrics } from '../llm/metering/llm-metrics';
import { MeteredChatModel } from '../llm/metering/metered-chat-model';
import { AnthropicChatModel } from '../llm/providers/anthropic-chat.model';
import { OpenAiChatModel } from '../llm/providers/openai-chat.model';
import type { AnswerGenerator } from './answer-generator';
import { LlmAnswerGenerator } from './llm-answer.generator';
import { LocalAnswerGenerator } from './local-answer.generator';

/** Tokens of conversation history a prompt may carry, after the knowledge. */
const HISTORY_TOKEN_BUDGET = 1_500;

/**
 * Picks the generator for a bot's provider. A provider without a key configured in this
 * deployment falls back to the local one (logged once) rather than leaving customers unanswered.
 */
@Injectable()
export class AnswerGenerators {
  private readonly logger = new Logger(AnswerGenerators.name);
  private readonly local: LocalAnswerGenerator;
  private readonly chatModels: Partial<Record<Exclude<LlmProvider, 'local'>, ChatModel>> = {};
  private readonly warned = new Set<string>();

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly llmMetrics: LlmMetrics,
  ) {
    this.local = new LocalAnswerGenerator(config.localLlmTokenDelayMs);
    const { openai, anthropic, firstTokenTimeoutMs, idleTimeoutMs } = config.ai;
    const timeouts = { firstTokenTimeoutMs, idleTimeoutMs };
    if (openai.apiKey) {
      this.chatModels.openai = this.metered(
        new OpenAiChatModel({
          apiKey: openai.apiKey,
          baseURL: openai.baseUrl ?? undefined,
          ...timeouts,
        }),
      );
    }
    if (anthropic.apiKey) {
      this.chatModels.anthropic = this.metered(
        new AnthropicChatModel({
          apiKey: anthropic.apiKey,
          baseURL: anthropic.baseUrl ?? undefined,
          ...timeouts,
        }),
      );
    }
  }

  private metered(chat: ChatModel): ChatModel {
    return new MeteredChatModel(chat, this.llmMetrics, countTokens);
  }

  for(provider: string, model: string): AnswerGenerator {
    if (provider === 'local') return this.local;
    const chat = this.chatModels[provider as Exclude<LlmProvider, 'local'>];
    if (!chat) {
      if (!this.warned.has(provider)) {
        this.warned.add(provider);
        this.logger.warn(`bots use ${provider} but it has no API key here: answering locally`);
      }
      return this.local;
    }
    return new LlmAnswerGenerator(chat, model, {
      maxOutputTokens: this.config.ai.maxOutputTokens,
      historyTokenBudget: HISTORY_TOKEN_BUDGET,
      countTokens,
    });
  }
}
