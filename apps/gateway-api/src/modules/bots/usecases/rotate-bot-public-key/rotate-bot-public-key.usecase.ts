import { Injectable } from '@nestjs/common';
import { BotRepository, type TenantScope, TenantRoutes } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { newBotPublicKey } from '../../bot-settings';
import { BotViews } from '../../bot-views';
import type { BotResponse } from '../../dto/bot.dto';

/**
 * A new public key; embeds using the old one can no longer start widget sessions (sessions
 * already started live until their token expires).
 */
@Injectable()
export class RotateBotPublicKey {
  constructor(
    private readonly bots: BotRepository,
    private readonly views: BotViews,
    private readonly routes: TenantRoutes,
  ) {}

  async execute(scope: TenantScope, id: string): Promise<BotResponse> {
    const before = await this.bots.findById(scope, id);
    const bot = before && (await this.bots.update(scope, id, { publicKey: newBotPublicKey() }));
    if (!before || !bot) throw new ResourceNotFoundException('Bot');
    await this.routes.record(scope, 'bot_public_key', bot.publicKey);
    await this.routes.forget('bot_public_key', before.publicKey);
    return this.views.renderOne(scope, bot);
  }
}
