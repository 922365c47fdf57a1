import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { countTokens } from '@cxgenie/text-processing';
import { ChatModels } from '../llm/chat-models';
import { LlmAssistant } from './llm-assistant';

/** Tokens of conversation history a prompt may carry, after the knowledge. */
const HISTORY_TOKEN_BUDGET = 1_500;

/** How a bot's answers are written: from the knowledge's own sentences, or by a chat model. */
export type AnswerEngine =
  | { kind: 'local'; provider: 'local'; model: string }
  | { kind: 'llm'; provider: string; model: string; assistant: LlmAssistant };

export const LOCAL_ENGINE: AnswerEngine = {
  kind: 'local',
  provider: 'local',
  model: 'extractive-v2',
};

/**
 * Picks the engine for a bot's provider. A provider without a key configured in this deployment
 * falls back to the local one (logged once) rather than leaving customers unanswered.
 */
@Injectable()
export class AnswerGenerators {
  private readonly logger = new Logger(AnswerGenerators.name);
  private readonly warned = new Set<string>();

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly chatModels: ChatModels,
  ) {}

  get localTokenDelayMs(): number {
    return this.config.localLlmTokenDelayMs;
  }

  for(provider: string, model: string): AnswerEngine {
    if (provider === 'local') return LOCAL_ENGINE;
    const chat = this.chatModels.for(provider);
    if (!chat) {
      if (!this.warned.has(provider)) {
        this.warned.add(provider);
        this.logger.warn(`bots use ${provider} but it has no API key here: answering locally`);
      }
      return LOCAL_ENGINE;
    }
    return {
      kind: 'llm',
      provider,
      model,
      assistant: new LlmAssistant(chat, model, {
        maxOutputTokens: this.config.ai.maxOutputTokens,
        historyTokenBudget: HISTORY_TOKEN_BUDGET,
        countTokens,
      }),
    };
  }
}
