import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { countTokens } from '@cxgenie/text-processing';
import { ChatModels } from '../llm/chat-models';
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
  private readonly warned = new Set<string>();

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly chatModels: ChatModels,
  ) {
    this.local = new LocalAnswerGenerator(config.localLlmTokenDelayMs);
  }

  for(provider: string, model: string): AnswerGenerator {
    if (provider === 'local') return this.local;
    const chat = this.chatModels.for(provider);
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
