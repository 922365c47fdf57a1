import { Injectable } from '@nestjs/common';
import { BotRepository, type TenantScope } from '@cxgenie/database';
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
  ) {}

  async execute(scope: TenantScope, id: string): Promise<BotResponse> {
    const bot = await this.bots.update(scope, id, { publicKey: newBotPublicKey() });
    if (!bot) throw new ResourceNotFoundException('Bot');
    return this.views.renderOne(scope, bot);
  }
}
