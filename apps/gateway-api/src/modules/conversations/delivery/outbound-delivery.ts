import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import {
  type ChannelOutboundJobData,
  type ChannelType,
  type DeliveryQueueName,
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
 * that delivers live has it already (the widget saw it on its socket); every other channel gets it
 * from the service its traits name, through that service's queue (`channel.outbound` for the
 * messaging platforms, `email.outbound` for email).
 */
@Injectable()
export class OutboundDelivery {
  private readonly queues: Record<DeliveryQueueName, Queue<ChannelOutboundJobData>>;

  constructor(
    @InjectQueue(QueueNames.ChannelOutbound) platforms: Queue<ChannelOutboundJobData>,
    @InjectQueue(QueueNames.EmailOutbound) email: Queue<ChannelOutboundJobData>,
  ) {
    this.queues = { [QueueNames.ChannelOutbound]: platforms, [QueueNames.EmailOutbound]: email };
  }

  async queue(workspaceId: string, message: CommittedOutbound): Promise<void> {
    await this.queueAll([{ workspaceId, ...message }]);
  }

  /** Many at once (the sweep), each on its channel's queue, one round trip per queue. */
  async queueAll(messages: (CommittedOutbound & { workspaceId: string })[]): Promise<void> {
    const byQueue = new Map<DeliveryQueueName, { data: ChannelOutboundJobData }[]>();
    for (const message of messages) {
      const name = channelTraits(message.channelType).deliveryQueue;
      if (!name) continue;
      const jobs = byQueue.get(name) ?? [];
      jobs.push({ data: withTraceId({ ...message }) });
      byQueue.set(name, jobs);
    }
    await Promise.all(
      [...byQueue].map(([name, jobs]) =>
        jobs.length === 1 ? this.queues[name].add(jobs[0].data) : this.queues[name].addBulk(jobs),
      ),
    );
  }
}
