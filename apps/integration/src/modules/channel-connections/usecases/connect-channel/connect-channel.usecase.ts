import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { ChannelDirectory } from '../../../../core-modules/channel-directory/channel-directory';
import { ChannelAdapterRegistry } from '../../../../core-modules/channel-registry/channel-adapter.registry';
import { ChannelConnectionsException } from '../../channel-connections.exception';
import type { ConnectChannelCommand } from './connect-channel.command';

export interface ConnectChannelResult {
  webhookUrl: string;
  /** False for platforms configured by hand (Meta apps subscribe in their dashboard). */
  registered: boolean;
}

/**
 * Points the platform at the channel's webhook (Telegram setWebhook with the channel's secret
 * token, Viber set_webhook). gateway-api calls it after a channel is created or its webhook secret
 * rotated; calling it again is harmless.
 */
@Injectable()
export class ConnectChannel {
  constructor(
    private readonly channels: ChannelDirectory,
    private readonly registry: ChannelAdapterRegistry,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async execute({
    channelId,
    requestOrigin,
  }: ConnectChannelCommand): Promise<ConnectChannelResult> {
    const channel = await this.channels.find(channelId, { fresh: true });
    const adapter = channel ? this.registry.get(channel.type) : undefined;
    if (!channel || !adapter) throw ChannelConnectionsException.channelNotFound();
    const base = this.config.channels.publicWebhookBaseUrl ?? requestOrigin;
    const webhookUrl = `${base}/webhooks/${channel.type}/${channel.id}`;
    if (!adapter.connect) return { webhookUrl, registered: false };
    try {
      await adapter.connect(this.channels.contextFor(channel, adapter), webhookUrl);
    } catch (error) {
      throw ChannelConnectionsException.platformRefused(channel.type, (error as Error).message);
    }
    return { webhookUrl, registered: true };
  }
}
