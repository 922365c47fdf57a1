import { CHANNEL_TYPES, type ChannelType } from './domain';
import { type DeliveryQueueName, QueueNames } from './queues';

/**
 * What the conversation pipeline needs to know of a channel, declared once per channel type, so
 * no code outside a channel's own module branches on its type.
 */
export interface ChannelTraits {
  /**
   * Replies reach the customer as they are produced (the widget's socket): a committed reply is
   * already delivered, and nothing is queued for its delivery.
   */
  liveDelivery: boolean;
  /**
   * Where a committed reply of a channel that does not deliver live is queued for delivery, and
   * so which service sends it (null exactly when `liveDelivery`).
   */
  deliveryQueue: DeliveryQueueName | null;
  /**
   * The bot's answer is shown to the customer paragraph by paragraph as it is written. A channel
   * that sends the answer as one message once it is complete (email) gets no chunks.
   */
  streamsAnswer: boolean;
  /** How the customer is asked to rate a closed conversation: rating buttons, or a typed digit. */
  ratingPrompt: 'buttons' | 'text';
}

const PLATFORM: ChannelTraits = {
  liveDelivery: false,
  deliveryQueue: QueueNames.ChannelOutbound,
  streamsAnswer: true,
  ratingPrompt: 'text',
};

export const CHANNEL_TRAITS: Readonly<Record<ChannelType, ChannelTraits>> = {
  web: { liveDelivery: true, deliveryQueue: null, streamsAnswer: true, ratingPrompt: 'buttons' },
  messenger: PLATFORM,
  whatsapp: PLATFORM,
  telegram: PLATFORM,
  instagram: PLATFORM,
  viber: PLATFORM,
  email: { ...PLATFORM, deliveryQueue: QueueNames.EmailOutbound, streamsAnswer: false },
};

export const channelTraits = (type: ChannelType): ChannelTraits => CHANNEL_TRAITS[type];

/** The channel types whose messages are delivered live, as a list (for SQL and filters). */
export const LIVE_DELIVERY_CHANNELS: readonly ChannelType[] = CHANNEL_TYPES.filter(
  (type) => CHANNEL_TRAITS[type].liveDelivery,
);
