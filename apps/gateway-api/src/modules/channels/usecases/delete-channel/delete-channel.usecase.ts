import { Injectable } from '@nestjs/common';
import { ChannelRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';

/** Soft delete: conversations keep their channel, and its external id becomes free again. */
@Injectable()
export class DeleteChannel {
  constructor(private readonly channels: ChannelRepository) {}

  async execute(scope: TenantScope, id: string): Promise<void> {
    if (!(await this.channels.remove(scope, id))) throw new ResourceNotFoundException('Channel');
  }
}
