import { Injectable } from '@nestjs/common';
import { BotRepository, type TenantScope, TenantRoutes } from '@cxgenie/database';
import {
  assertFallbackFitsPolicy,
  mergeKnowledgeSettings,
  newBotPublicKey,
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
  ) {}

  async execute(scope: TenantScope, command: CreateBotCommand): Promise<BotResponse> {
    const { knowledgeSettings, ...settings } = command;
    // An omitted fallback takes the column's default, which is not blank.
    if (settings.fallbackMessage !== undefined)
      assertFallbackFitsPolicy(
        settings.typeReplyUnknown ?? 'INPUT_ANSWER',
        settings.fallbackMessage,
      );
    const bot = await this.bots.create(scope, {
      ...settings,
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
