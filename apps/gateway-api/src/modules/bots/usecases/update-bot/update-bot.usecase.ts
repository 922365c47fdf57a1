import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { BotRepository, type TenantScope } from '@cxgenie/database';
import { BotConfigCache } from '../../../../core-modules/bot-config/bot-config.cache';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import {
  assertFallbackFitsPolicy,
  mergeKnowledgeSettings,
  resolveLlmModel,
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
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async execute(scope: TenantScope, id: string, command: UpdateBotCommand): Promise<BotResponse> {
    const current = await this.getBot.find(scope, id);
    const { knowledgeSettings, name, ...settings } = command;
    assertFallbackFitsPolicy(
      settings.typeReplyUnknown ?? current.typeReplyUnknown,
      settings.fallbackMessage ?? current.fallbackMessage,
    );
    // A stored model is not re-judged by a PATCH that leaves provider and model alone.
    const modelChange =
      settings.llmProvider !== undefined || settings.llmModel !== undefined
        ? {
            llmModel: resolveLlmModel(
              {
                provider: settings.llmProvider ?? current.llmProvider,
                model: settings.llmModel,
                currentModel: current.llmModel,
              },
              this.config.llmModelAllowList,
            ),
          }
        : {};
    const updated = await this.bots.update(scope, id, {
      ...withoutUndefined(settings),
      ...modelChange,
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
    await this.botConfigs.invalidate(scope, id);
    return this.views.renderOne(scope, updated);
  }
}
