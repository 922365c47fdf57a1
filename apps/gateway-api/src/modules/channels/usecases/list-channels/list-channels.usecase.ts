import { Injectable } from '@nestjs/common';
import { type Channel, ChannelRepository, type TenantScope } from '@cxgenie/database';
import type { WhereOptions } from 'sequelize';
import type { PageResponse } from '../../../../core-modules/http/pagination.dto';
import { ChannelViews } from '../../channel-views';
import type { ChannelResponse } from '../../dto/channel.dto';
import type { ListChannelsQueryDto } from '../../dto/list-channels.query';

@Injectable()
export class ListChannels {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly views: ChannelViews,
  ) {}

  async execute(
    scope: TenantScope,
    query: ListChannelsQueryDto,
  ): Promise<PageResponse<ChannelResponse>> {
    const where: WhereOptions<Channel> = {
      ...(query.type ? { type: query.type } : {}),
      ...(query.botId ? { botId: query.botId } : {}),
    };
    const { items, nextCursor } = await this.channels.list(scope, {
      where,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: items.map((channel) => this.views.render(channel)), nextCursor };
  }
}
