import { Injectable } from '@nestjs/common';
import { BotRepository, type TenantScope } from '@cxgenie/database';
import { type BotConfig, BotConfigCache } from '../../core-modules/bot-config/bot-config.cache';
import { ResourceNotFoundException } from '../../core-modules/http/resource-not-found.exception';

/**
 * The bot's settings as the conversation pipeline reads them, or 404 outside the workspace. The
 * cache is keyed by bot id alone, so the bot's workspace is checked in the database first.
 */
@Injectable()
export class PlaygroundBots {
  constructor(
    private readonly bots: BotRepository,
    private readonly configs: BotConfigCache,
  ) {}

  async require(scope: TenantScope, botId: string): Promise<BotConfig> {
    const bot = await this.bots.findById(scope, botId);
    const config = bot ? await this.configs.get(scope, botId) : null;
    if (!config) throw new ResourceNotFoundException('Bot');
    return config;
  }
}
