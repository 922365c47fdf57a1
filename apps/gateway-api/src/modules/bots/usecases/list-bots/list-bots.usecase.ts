import { Injectable } from '@nestjs/common';
import { BotRepository, type TenantScope } from '@cxgenie/database';
import type { PageResponse } from '../../../../core-modules/http/pagination.dto';
import type { PaginationQueryDto } from '../../../../core-modules/http/pagination.dto';
import { BotViews } from '../../bot-views';
import type { BotResponse } from '../../dto/bot.dto';

@Injectable()
export class ListBots {
  constructor(
    private readonly bots: BotRepository,
    private readonly views: BotViews,
  ) {}

  async execute(scope: TenantScope, page: PaginationQueryDto): Promise<PageResponse<BotResponse>> {
    const { items, nextCursor } = await this.bots.list(scope, {
      limit: page.limit,
      cursor: page.cursor,
    });
    return { items: await this.views.render(scope, items), nextCursor };
  }
}
