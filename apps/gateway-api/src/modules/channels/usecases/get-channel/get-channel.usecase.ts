import { Injectable } from '@nestjs/common';
import { type Channel, ChannelRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { ChannelViews } from '../../channel-views';
import type { ChannelResponse } from '../../dto/channel.dto';

@Injectable()
export class GetChannel {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly views: ChannelViews,
  ) {}

  async execute(scope: TenantScope, id: string): Promise<ChannelResponse> {
    return this.views.render(await this.find(scope, id));
  }

  /** The scope's channel or a 404, whether it is missing, deleted or another workspace's. */
  async find(scope: TenantScope, id: string): Promise<Channel> {
    const channel = await this.channels.findById(scope, id);
    if (!channel) throw new ResourceNotFoundException('Channel');
    return channel;
  }
}
