import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { BotRepository, type TenantScope, TenantRoutes } from '@cxgenie/database';
import {
  assertFallbackFitsPolicy,
  mergeKnowledgeSettings,
  newBotPublicKey,
  resolveLlmModel,
} from '../../bot-settings';
import { BotViews } from '../../bot-views';
import type { BotResponse } from '../../dto/bot.dto';
import type { CreateBotCommand } from './create-bot.command';

@Injectable()
export class CreateBot {
  constructor(
    private readonly bots: BotRepository,
    private readonly views: BotViews,
    private readonly routes: TenantRoutes,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async execute(scope: TenantScope, command: CreateBotCommand): Promise<BotResponse> {
    const { knowledgeSettings, ...settings } = command;
    // An omitted fallback takes the column's default, which is not blank.
    if (settings.fallbackMessage !== undefined)
      assertFallbackFitsPolicy(
        settings.typeReplyUnknown ?? 'INPUT_ANSWER',
        settings.fallbackMessage,
      );
    const llmProvider = settings.llmProvider ?? 'local';
    const llmModel = resolveLlmModel(
      { provider: llmProvider, model: settings.llmModel },
      this.config.llmModelAllowList,
    );
    const bot = await this.bots.create(scope, {
      ...settings,
      llmProvider,
      llmModel,
      name: settings.name.trim(),
      ...(knowledgeSettings
        ? { knowledgeSettings: mergeKnowledgeSettings({}, knowledgeSettings) }
        : {}),
      publicKey: newBotPublicKey(),
    });
    // The widget finds a dedicated workspace's bot through the control plane's index.
    await this.routes.record(scope, 'bot_public_key', bot.publicKey);
    return this.views.renderOne(scope, bot);
  }
}
