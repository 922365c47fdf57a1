import { CHANNEL_TRAITS, LIVE_DELIVERY_CHANNELS } from './channel-traits';
import { CHANNEL_TYPES } from './domain';
import { QueueNames } from './queues';

describe('channel traits', () => {
  it.each(CHANNEL_TYPES)(
    '%s is queued for delivery exactly when it does not deliver live',
    (type) => {
      const traits = CHANNEL_TRAITS[type];
      expect(traits.deliveryQueue === null).toBe(traits.liveDelivery);
    },
  );

  it('sends email replies through the email app, whole, and platform replies through integration', () => {
    expect(CHANNEL_TRAITS.email).toMatchObject({
      deliveryQueue: QueueNames.EmailOutbound,
      streamsAnswer: false,
    });
    expect(CHANNEL_TRAITS.telegram.deliveryQueue).toBe(QueueNames.ChannelOutbound);
    expect(LIVE_DELIVERY_CHANNELS).toEqual(['web']);
  });
});
