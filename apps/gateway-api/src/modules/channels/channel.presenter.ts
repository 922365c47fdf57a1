import type { Channel } from '@cxgenie/database';
import type { ChannelResponse } from './dto/channel.dto';

/** Where the platform posts its events for this channel. */
export const webhookPathOf = (channel: Pick<Channel, 'id' | 'type'>): string =>
  `/webhooks/${channel.type}/${channel.id}`;

/** Credentials and the webhook secret are left out by construction: only their names appear. */
export function presentChannel(channel: Channel, configuredCredentials: string[]): ChannelResponse {
  return {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    botId: channel.botId,
    externalId: channel.externalId,
    settings: channel.settings,
    isActive: channel.isActive,
    configuredCredentials,
    webhookPath: webhookPathOf(channel),
    createdAt: channel.createdAt,
    updatedAt: channel.updatedAt,
  };
}
