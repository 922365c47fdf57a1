import { Injectable } from '@nestjs/common';
import { type Bot, BotRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../core-modules/http/resource-not-found.exception';

/** Knowledge lives under a bot; the bot must belong to the caller's workspace. */
@Injectable()
export class KnowledgeBots {
  constructor(private readonly bots: BotRepository) {}

  async require(scope: TenantScope, botId: string): Promise<Bot> {
    const bot = await this.bots.findById(scope, botId);
    if (!bot) throw new ResourceNotFoundException('Bot');
    return bot;
  }
}
