import { Injectable } from '@nestjs/common';
import {
  type ChannelContext,
  type OutboundChannelMessage,
  PermanentDeliveryError,
  RetryableDeliveryError,
} from '@cxgenie/contracts';
import type { PendingDelivery, SendOutcome } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { ChannelDirectory } from '../../../core-modules/channel-directory/channel-directory';
import {
  type AnyChannelAdapter,
  ChannelAdapterRegistry,
} from '../../../core-modules/channel-registry/channel-adapter.registry';
import type { OutboundJob } from '../outbound-job';
import { PlatformDeliveryOutcomes } from './platform-delivery-outcomes.step';

interface Delivery {
  message: PendingDelivery;
  platform: string;
  adapter: AnyChannelAdapter;
  context: ChannelContext<unknown>;
}

/**
 * One queued message to its platform through the channel's adapter, continuing a split text where
 * an earlier attempt stopped. The platform's answer decides the outcome (PlatformDeliveryOutcomes).
 */
@Injectable()
export class SendPendingMessage {
  constructor(
    private readonly channels: ChannelDirectory,
    private readonly registry: ChannelAdapterRegistry,
    private readonly outcomes: PlatformDeliveryOutcomes,
  ) {}

  async execute(
    scope: TenantScope,
    job: OutboundJob,
    message: PendingDelivery,
  ): Promise<SendOutcome> {
    const target = await this.resolve(scope, message);
    if (typeof target === 'string')
      return this.outcomes.fail(scope, job, message, 'unknown', target, null);
    const progress = message.delivery ?? {};
    const outbound: OutboundChannelMessage = {
      messageId: message.id,
      conversationId: job.conversationId,
      externalCustomerId: message.external_id!,
      text: message.text,
      attachments: message.attachments,
      lastCustomerMessageAt: message.last_customer_message_at
        ? new Date(message.last_customer_message_at).toISOString()
        : null,
      deliveredParts: progress.partIds?.length ?? 0,
    };
    try {
      const result = await target.adapter.send(outbound, target.context);
      return await this.outcomes.sent(scope, job, message, target.platform, [
        ...(progress.partIds ?? []),
        ...result.platformMessageIds,
      ]);
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        return this.outcomes.fail(
          scope,
          job,
          message,
          target.platform,
          error.message,
          error.platformCode,
        );
      }
      // Retryable, and anything unexpected (a network error an adapter did not map): retried, so
      // that a bug shows up as a failed message with its reason, never as a silent drop.
      const retryable =
        error instanceof RetryableDeliveryError
          ? error
          : new RetryableDeliveryError(error instanceof Error ? error.message : String(error));
      return this.outcomes.retryLater(scope, job, message, target.platform, progress, retryable);
    }
  }

  /** The adapter and channel to send with, or why there are none. */
  private async resolve(scope: TenantScope, message: PendingDelivery): Promise<Delivery | string> {
    const channel = await this.channels.findInWorkspace(scope.workspaceId, message.channel_id);
    if (!channel) return 'the channel no longer exists';
    const adapter = this.registry.get(channel.type);
    if (!adapter) return `no adapter delivers to ${channel.type} channels`;
    if (!message.external_id) return 'the customer has no identity on this channel';
    return {
      message,
      platform: channel.type,
      adapter,
      context: this.channels.contextFor(channel, adapter),
    };
  }
}
