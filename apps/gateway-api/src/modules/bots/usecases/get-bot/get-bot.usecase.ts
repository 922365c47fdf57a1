import { Injectable } from '@nestjs/common';
import { type Bot, BotRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { BotIndexStatus } from '../../bot-index-status';
import { BotViews } from '../../bot-views';
import type { BotDetailResponse } from '../../dto/bot.dto';

@Injectable()
export class GetBot {
  constructor(
    private readonly bots: BotRepository,
    private readonly views: BotViews,
    private readonly indexStatus: BotIndexStatus,
  ) {}

  /** Only a bot of the scope is asked about, and core-ai is asked under the scope's workspace. */
  async execute(scope: TenantScope, id: string): Promise<BotDetailResponse> {
    const bot = await this.find(scope, id);
    const [view, knowledgeIndex] = await Promise.all([
      this.views.renderOne(scope, bot),
      this.indexStatus.get(scope.workspaceId, bot.id),
    ]);
    return { ...view, knowledgeIndex };
  }

  /** The scope's bot or a 404, whether it is missing, deleted or another workspace's. */
  async find(scope: TenantScope, id: string): Promise<Bot> {
    const bot = await this.bots.findById(scope, id);
    if (!bot) throw new ResourceNotFoundException('Bot');
    return bot;
  }
}
