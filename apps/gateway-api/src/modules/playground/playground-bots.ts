import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { type BotConfig, BotConfigCache } from '../../core-modules/bot-config/bot-config.cache';
import { ResourceNotFoundException } from '../../core-modules/http/resource-not-found.exception';

/** The bot's settings as the conversation pipeline reads them, or 404 outside the workspace. */
@Injectable()
export class PlaygroundBots {
  constructor(private readonly configs: BotConfigCache) {}

  async require(scope: TenantScope, botId: string): Promise<BotConfig> {
    const bot = await this.configs.get(scope, botId);
    if (!bot) throw new ResourceNotFoundException('Bot');
    return bot;
  }
}
