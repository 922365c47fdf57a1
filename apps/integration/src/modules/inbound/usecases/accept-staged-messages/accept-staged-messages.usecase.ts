import { Injectable, Logger } from '@nestjs/common';
import { AcceptCustomerMessage, DuplicatePlatformMessageError } from '@cxgenie/conversations';
import { ChannelCustomerRepository, type TenantScope, TenantConnections } from '@cxgenie/database';
import { newTraceId, runWithTraceId } from '@cxgenie/observability';
import { ChannelDirectory } from '../../../../core-modules/channel-directory/channel-directory';
import type { LoadedChannel } from '../../../../core-modules/channel-directory/loaded-channel';
import { ChannelMetrics, type InboundDrop } from '../../../../core-modules/metrics/channel-metrics';
import { type StagedMessage, readStagedMember } from '../../staged-message';

/** What happened to a group's staged members; the rest stay staged for a later try. */
export interface GroupOutcome {
  /** Members that are finished with (accepted, duplicates, or dropped with a log line). */
  settled: string[];
  /** True when a member could not be accepted now (database trouble): try again shortly. */
  retry: boolean;
}

/**
 * Accepts one customer's staged messages, in platform-timestamp order: the customer (by their
 * platform id on the channel), then each message through the intake every channel shares (their
 * open conversation on the channel or a new one, the next sequence number, the agents told, the
 * bot's queue), under the webhook request's trace id.
 */
@Injectable()
export class AcceptStagedMessages {
  private readonly logger = new Logger(AcceptStagedMessages.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly channels: ChannelDirectory,
    private readonly customers: ChannelCustomerRepository,
    private readonly intake: AcceptCustomerMessage,
    private readonly metrics: ChannelMetrics,
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
    let customerId: string | null = null;
    for (const { member, staged } of readable) {
      try {
        // One customer per group (the group is the customer on the channel).
        customerId ??= await this.customerOf(scope, channel, staged);
        await this.accept(scope, channel, customerId, staged);
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

  private async customerOf(
    scope: TenantScope,
    channel: LoadedChannel,
    { message }: StagedMessage,
  ): Promise<string> {
    const { customer } = await this.customers.findOrCreate(
      scope,
      channel.id,
      message.externalCustomerId,
      message.customerName ? { name: message.customerName } : {},
    );
    return customer.id;
  }

  /** Under the webhook's trace id: the bot's answer logs under the request that brought it. */
  private async accept(
    scope: TenantScope,
    channel: LoadedChannel,
    customerId: string,
    { message, traceId }: StagedMessage,
  ): Promise<void> {
    await runWithTraceId(traceId ?? newTraceId(), () =>
      this.intake.execute(scope, {
        party: { channelId: channel.id, botId: channel.botId!, customerId },
        text: message.text,
        attachments: message.attachments,
        platformMessageId: message.platformMessageId,
        metadata: { platform: message.platform, kind: message.kind, sentAt: message.sentAt },
      }),
    );
  }
}
