import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { LlmProvider } from '@cxgenie/contracts';
import { countTokens } from '@cxgenie/text-processing';
import type { ChatModel } from './chat-model.port';
import { LlmMetrics } from './metering/llm-metrics';
import { MeteredChatModel } from './metering/metered-chat-model';
import { AnthropicChatModel } from './providers/anthropic-chat.model';
import { OpenAiChatModel } from './providers/openai-chat.model';

/** The chat model of each provider that has a key in this deployment, metered. */
@Injectable()
export class ChatModels {
  private readonly models: Partial<Record<Exclude<LlmProvider, 'local'>, ChatModel>> = {};

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig, metrics: LlmMetrics) {
    const metered = (chat: ChatModel): ChatModel =>
      new MeteredChatModel(chat, metrics, countTokens);
    const { openai, anthropic, firstTokenTimeoutMs, idleTimeoutMs } = config.ai;
    const timeouts = { firstTokenTimeoutMs, idleTimeoutMs };
    if (openai.apiKey) {
      this.models.openai = metered(
        new OpenAiChatModel({
          apiKey: openai.apiKey,
          baseURL: openai.baseUrl ?? undefined,
          ...timeouts,
        }),
      );
    }
    if (anthropic.apiKey) {
      this.models.anthropic = metered(
        new AnthropicChatModel({
          apiKey: anthropic.apiKey,
          baseURL: anthropic.baseUrl ?? undefined,
          ...timeouts,
        }),
      );
    }
  }

  /** Null for `local`, and for a provider without a key here. */
  for(provider: string): ChatModel | null {
    return this.models[provider as Exclude<LlmProvider, 'local'>] ?? null;
  }
}
