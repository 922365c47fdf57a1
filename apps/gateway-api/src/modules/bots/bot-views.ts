import { Injectable } from '@nestjs/common';
import { type Bot, BotChannelRepository, type Channel, type TenantScope } from '@cxgenie/database';
import type { BotResponse } from './dto/bot.dto';
import { presentBot } from './bot.presenter';

/** Bots as the API shows them, with their channels loaded for all of them in one query. */
@Injectable()
export class BotViews {
  constructor(private readonly channels: BotChannelRepository) {}

  async render(scope: TenantScope, bots: readonly Bot[]): Promise<BotResponse[]> {
    const channels = await this.channels.listActiveForBots(
      scope,
      bots.map((bot) => bot.id),
    );
    const byBot = new Map<string, Channel[]>();
    for (const channel of channels) {
      if (!channel.botId) continue;
      byBot.set(channel.botId, [...(byBot.get(channel.botId) ?? []), channel]);
    }
    return bots.map((bot) => presentBot(bot, byBot.get(bot.id) ?? []));
  }

  async renderOne(scope: TenantScope, bot: Bot): Promise<BotResponse> {
    const [view] = await this.render(scope, [bot]);
    return view;
  }
}
