import { Injectable } from '@nestjs/common';
import { type Bot, BotRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { BotViews } from '../../bot-views';
import type { BotResponse } from '../../dto/bot.dto';

@Injectable()
export class GetBot {
  constructor(
    private readonly bots: BotRepository,
    private readonly views: BotViews,
  ) {}

  async execute(scope: TenantScope, id: string): Promise<BotResponse> {
    return this.views.renderOne(scope, await this.find(scope, id));
  }

  /** The scope's bot or a 404, whether it is missing, deleted or another workspace's. */
  async find(scope: TenantScope, id: string): Promise<Bot> {
    const bot = await this.bots.findById(scope, id);
    if (!bot) throw new ResourceNotFoundException('Bot');
    return bot;
  }
}
