import { Injectable } from '@nestjs/common';
import { BotRepository, type TenantScope } from '@cxgenie/database';
import { BotConfigCache } from '../../../../core-modules/bot-config/bot-config.cache';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import {
  assertFallbackFitsPolicy,
  mergeKnowledgeSettings,
  withoutUndefined,
} from '../../bot-settings';
import { BotViews } from '../../bot-views';
import type { BotResponse } from '../../dto/bot.dto';
import { GetBot } from '../get-bot/get-bot.usecase';
import type { UpdateBotCommand } from './update-bot.command';

@Injectable()
export class UpdateBot {
  constructor(
    private readonly bots: BotRepository,
    private readonly getBot: GetBot,
    private readonly views: BotViews,
    private readonly botConfigs: BotConfigCache,
  ) {}

  async execute(scope: TenantScope, id: string, command: UpdateBotCommand): Promise<BotResponse> {
    const current = await this.getBot.find(scope, id);
    const { knowledgeSettings, name, ...settings } = command;
    assertFallbackFitsPolicy(
      settings.typeReplyUnknown ?? current.typeReplyUnknown,
      settings.fallbackMessage ?? current.fallbackMessage,
    );
    const updated = await this.bots.update(scope, id, {
      ...withoutUndefined(settings),
      ...(name !== undefined ? { name: name.trim() } : {}),
      ...(knowledgeSettings
        ? {
            knowledgeSettings: mergeKnowledgeSettings(current.knowledgeSettings, knowledgeSettings),
          }
        : {}),
    });
    // Deleted between the read and the write.
    if (!updated) throw new ResourceNotFoundException('Bot');
    // The conversation pipeline must answer the next message with these settings.
    await this.botConfigs.invalidate(id);
    return this.views.renderOne(scope, updated);
  }
}
