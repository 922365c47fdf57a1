import { CHANNEL_TYPES, type ChannelType } from './domain';

/**
 * What the conversation pipeline needs to know of a channel, declared once per channel type, so
 * no code outside a channel's own module branches on its type.
 */
export interface ChannelTraits {
  /**
   * Replies reach the customer as they are produced (the widget's socket): a committed reply is
   * already delivered, and nothing is queued on `channel.outbound` for it.
   */
  liveDelivery: boolean;
  /** How the customer is asked to rate a closed conversation: rating buttons, or a typed digit. */
  ratingPrompt: 'buttons' | 'text';
}

const PLATFORM: ChannelTraits = { liveDelivery: false, ratingPrompt: 'text' };

export const CHANNEL_TRAITS: Readonly<Record<ChannelType, ChannelTraits>> = {
  web: { liveDelivery: true, ratingPrompt: 'buttons' },
  messenger: PLATFORM,
  whatsapp: PLATFORM,
  telegram: PLATFORM,
  instagram: PLATFORM,
  viber: PLATFORM,
  email: PLATFORM,
};

export const channelTraits = (type: ChannelType): ChannelTraits => CHANNEL_TRAITS[type];

/** The channel types whose messages are delivered live, as a list (for SQL and filters). */
export const LIVE_DELIVERY_CHANNELS: readonly ChannelType[] = CHANNEL_TYPES.filter(
  (type) => CHANNEL_TRAITS[type].liveDelivery,
);
