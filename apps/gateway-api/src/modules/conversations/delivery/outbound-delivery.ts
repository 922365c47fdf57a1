import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import {
  type ChannelOutboundJobData,
  type ChannelType,
  QueueNames,
  channelTraits,
} from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';

export interface CommittedOutbound {
  conversationId: string;
  messageId: string;
  channelId: string;
  channelType: ChannelType;
}

/**
 * Where a committed outbound message (the bot's, an agent's, the system's) goes next. A channel
 * that delivers live has it already (the widget saw it on its socket); every other channel gets
 * it from the integration service, through `channel.outbound`.
 */
@Injectable()
export class OutboundDelivery {
  constructor(
    @InjectQueue(QueueNames.ChannelOutbound)
    private readonly outbound: Queue<ChannelOutboundJobData>,
  ) {}

  async queue(workspaceId: string, message: CommittedOutbound): Promise<void> {
    if (channelTraits(message.channelType).liveDelivery) return;
    await this.outbound.add(withTraceId({ workspaceId, ...message }));
  }
}
