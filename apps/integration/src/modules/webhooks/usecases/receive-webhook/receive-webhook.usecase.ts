import { Injectable, Logger } from '@nestjs/common';
import { type ParsedWebhook, WebhookPayloadError } from '@cxgenie/contracts';
import { ChannelDirectory } from '../../../../core-modules/channel-directory/channel-directory';
import type { LoadedChannel } from '../../../../core-modules/channel-directory/loaded-channel';
import {
  type AnyChannelAdapter,
  ChannelAdapterRegistry,
} from '../../../../core-modules/channel-registry/channel-adapter.registry';
import { ChannelMetrics } from '../../../../core-modules/metrics/channel-metrics';
import { RecordDeliveryStatus } from '../../../delivery-status/usecases/record-delivery-status/record-delivery-status.usecase';
import { InboundStaging } from '../../../inbound/inbound-staging';
import { WebhooksException } from '../../webhooks.exception';
import type { ReceiveWebhookCommand } from './receive-webhook.command';

/** What a delivery contained, as the platform is answered (it ignores the body). */
export interface WebhookReceipt {
  accepted: number;
  duplicates: number;
  statuses: number;
  ignored: number;
}

export type WebhookOutcome =
  | { kind: 'handshake'; status: number; body: string }
  | { kind: 'delivery'; receipt: WebhookReceipt };

/**
 * One webhook request, in the order that keeps forged and broken payloads out: find the channel,
 * answer a subscription handshake, check the signature on the raw bytes (before anything reads
 * them), parse, then stage the messages (deduplicated) and record the receipts. The answer goes
 * back as soon as that is in Redis; the messages reach their conversations after the reordering
 * window.
 */
@Injectable()
export class ReceiveWebhook {
  private readonly logger = new Logger(ReceiveWebhook.name);

  constructor(
    private readonly registry: ChannelAdapterRegistry,
    private readonly channels: ChannelDirectory,
    private readonly staging: InboundStaging,
    private readonly statuses: RecordDeliveryStatus,
    private readonly metrics: ChannelMetrics,
  ) {}

  async execute({ platform, channelId, request }: ReceiveWebhookCommand): Promise<WebhookOutcome> {
    const adapter = this.registry.get(platform);
    const channel = adapter ? await this.channels.find(channelId) : null;
    if (!adapter || !channel || channel.type !== platform)
      throw WebhooksException.channelNotFound();
    const context = this.channels.contextFor(channel, adapter);

    const handshake = adapter.handshake?.(request, context) ?? null;
    if (handshake) return { kind: 'handshake', ...handshake };
    if (request.method.toUpperCase() !== 'POST') throw WebhooksException.notAHandshake();

    const verification = adapter.verify(request, context);
    if (!verification.ok) {
      const reason = verification.status === 401 ? 'missing_signature' : 'invalid_signature';
      this.metrics.webhookRejected(platform, reason);
      this.logger.warn(
        `rejected ${platform} webhook for channel ${channelId} (${verification.status}): ${verification.reason}`,
      );
      throw WebhooksException.rejected(verification.status, verification.reason);
    }
    const parsed = this.parse(adapter, request, context, platform);
    return { kind: 'delivery', receipt: await this.take(channel, parsed) };
  }

  private parse(
    adapter: AnyChannelAdapter,
    request: ReceiveWebhookCommand['request'],
    context: ReturnType<ChannelDirectory['contextFor']>,
    platform: string,
  ): ParsedWebhook {
    try {
      return adapter.parse(request, context);
    } catch (error) {
      if (!(error instanceof WebhookPayloadError)) throw error;
      this.metrics.webhookEvents(platform, 'malformed');
      this.logger.warn(`refused a ${platform} webhook payload: ${error.message}`);
      throw WebhooksException.payloadInvalid(error.message);
    }
  }

  private async take(channel: LoadedChannel, parsed: ParsedWebhook): Promise<WebhookReceipt> {
    const platform = channel.type;
    let messages = parsed.messages.filter((m) => m.channelId === channel.id);
    const drop = !channel.isActive
      ? 'channel_inactive'
      : !channel.botId
        ? 'channel_without_bot'
        : null;
    if (drop && messages.length > 0) {
      // Answered 200 all the same: a platform retrying for days would not change the channel.
      this.logger.warn(
        `dropped ${messages.length} ${platform} message(s) for channel ${channel.id}: ${drop}`,
      );
      this.metrics.inboundDropped(platform, drop, messages.length);
      messages = [];
    }
    const { staged, duplicates } = await this.staging.stage(channel.workspaceId, messages);
    const statuses = parsed.statuses.filter((s) => s.channelId === channel.id);
    await this.statuses.execute(channel.workspaceId, statuses);

    this.metrics.webhookEvents(platform, 'accepted', staged);
    this.metrics.webhookEvents(platform, 'duplicate', duplicates);
    this.metrics.webhookEvents(platform, 'status', statuses.length);
    this.metrics.webhookEvents(platform, 'ignored', parsed.ignored);
    return { accepted: staged, duplicates, statuses: statuses.length, ignored: parsed.ignored };
  }
}
