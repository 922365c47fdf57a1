import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { type InboundMessageJobData, type MessagePayload, QueueNames } from '@cxgenie/contracts';
import {
  type AcceptedCustomerMessage,
  ChannelCustomerRepository,
  CustomerMessageIntakeRepository,
  DuplicatePlatformMessageError,
  type TenantScope,
  TenantConnections,
} from '@cxgenie/database';
import { newTraceId, runWithTraceId, withTraceId } from '@cxgenie/observability';
import { ChannelDirectory } from '../../../../core-modules/channel-directory/channel-directory';
import type { LoadedChannel } from '../../../../core-modules/channel-directory/loaded-channel';
import { ChannelMetrics, type InboundDrop } from '../../../../core-modules/metrics/channel-metrics';
import { DashboardEvents } from '../../../../core-modules/realtime/dashboard-events';
import { type StagedMessage, readStagedMember } from '../../staged-message';

/** What happened to a group's staged members; the rest stay staged for a later try. */
export interface GroupOutcome {
  /** Members that are finished with (accepted, duplicates, or dropped with a log line). */
  settled: string[];
  /** True when a member could not be accepted now (database trouble): try again shortly. */
  retry: boolean;
}

/**
 * Accepts one customer's staged messages, in platform-timestamp order, through the intake every
 * channel shares: the customer (by their platform id on the channel), their open conversation on
 * the channel or a new one with the channel's bot, then each message with the next sequence number,
 * queued for the bot and shown to the agents.
 */
@Injectable()
export class AcceptStagedMessages {
  private readonly logger = new Logger(AcceptStagedMessages.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly channels: ChannelDirectory,
    private readonly customers: ChannelCustomerRepository,
    private readonly intake: CustomerMessageIntakeRepository,
    private readonly events: DashboardEvents,
    private readonly metrics: ChannelMetrics,
    @InjectQueue(QueueNames.ConversationInbound)
    private readonly inbound: Queue<InboundMessageJobData>,
  ) {}

  async execute(members: readonly string[]): Promise<GroupOutcome> {
    const settled: string[] = [];
    const readable: { member: string; staged: StagedMessage }[] = [];
    for (const member of members) {
      const staged = readStagedMember(member);
      if (staged) readable.push({ member, staged });
      else {
        this.logger.error(`dropped an unreadable staged message: ${member.slice(0, 200)}`);
        this.metrics.inboundDropped('unknown', 'unreadable');
        settled.push(member);
      }
    }
    if (readable.length === 0) return { settled, retry: false };

    const first = readable[0].staged;
    const channel = await this.channels.find(first.message.channelId);
    const refusal = this.refusal(channel, first.workspaceId);
    if (refusal || !channel) {
      const reason = refusal ?? 'channel_gone';
      this.logger.warn(
        `dropped ${readable.length} message(s) from ${first.message.platform} channel ${first.message.channelId}: ${reason}`,
      );
      this.metrics.inboundDropped(first.message.platform, reason, readable.length);
      return { settled: [...settled, ...readable.map((r) => r.member)], retry: false };
    }

    const scope = await this.tenants.scope(channel.workspaceId);
    let conversationId = await this.openConversation(scope, channel, first);
    for (const { member, staged } of readable) {
      try {
        let accepted = await this.accept(scope, conversationId, staged);
        if (!accepted) {
          // Only if the conversation vanished in between (deleted with its customer): open anew.
          conversationId = await this.openConversation(scope, channel, staged);
          accepted = await this.accept(scope, conversationId, staged);
        }
        if (accepted) await this.announce(scope.workspaceId, accepted, staged);
        settled.push(member);
      } catch (error) {
        if (error instanceof DuplicatePlatformMessageError) {
          this.metrics.webhookEvents(staged.message.platform, 'duplicate');
          settled.push(member);
          continue;
        }
        // Order matters more than progress: later messages wait for this one.
        this.logger.warn(
          `accepting a ${staged.message.platform} message failed, will retry: ${(error as Error).message}`,
        );
        return { settled, retry: true };
      }
    }
    return { settled, retry: false };
  }

  private refusal(channel: LoadedChannel | null, workspaceId: string): InboundDrop | null {
    if (!channel || channel.workspaceId !== workspaceId) return 'channel_gone';
    if (!channel.isActive) return 'channel_inactive';
    if (!channel.botId) return 'channel_without_bot';
    return null;
  }

  private async openConversation(
    scope: TenantScope,
    channel: LoadedChannel,
    staged: StagedMessage,
  ): Promise<string> {
    const { message } = staged;
    const { customer } = await this.customers.findOrCreate(
      scope,
      channel.id,
      message.externalCustomerId,
      message.customerName ? { name: message.customerName } : {},
    );
    const { conversationId } = await this.intake.findOrOpenConversation(scope, {
      channelId: channel.id,
      botId: channel.botId!,
      customerId: customer.id,
    });
    return conversationId;
  }

  private accept(
    scope: TenantScope,
    conversationId: string,
    { message, traceId }: StagedMessage,
  ): Promise<AcceptedCustomerMessage | null> {
    return this.intake.accept(scope, {
      conversationId,
      text: message.text,
      attachments: message.attachments,
      platformMessageId: message.platformMessageId,
      traceId,
      metadata: { platform: message.platform, kind: message.kind, sentAt: message.sentAt },
    });
  }

  private async announce(
    workspaceId: string,
    accepted: AcceptedCustomerMessage,
    staged: StagedMessage,
  ): Promise<void> {
    const payload: MessagePayload = {
      id: accepted.id,
      conversationId: accepted.conversationId,
      seq: accepted.seq,
      direction: 'inbound',
      senderType: 'customer',
      text: accepted.text,
      attachments: accepted.attachments,
      status: accepted.status,
      replyToMessageId: null,
      createdAt: accepted.createdAt.toISOString(),
    };
    this.events.messageCreated(workspaceId, payload);
    // Queued under the webhook's trace id: the bot's answer logs under the request that brought it.
    await runWithTraceId(staged.traceId ?? newTraceId(), () =>
      this.inbound.add(
        withTraceId({
          workspaceId,
          conversationId: accepted.conversationId,
          messageId: accepted.id,
          seq: accepted.seq,
        }),
      ),
    );
  }
}
