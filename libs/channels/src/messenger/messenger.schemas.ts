import { z } from 'zod';
import { graphId, pageCredentialsSchema } from '../meta/meta-credentials.schema';
import type { ChannelSchemas } from '../shared/channel-schemas';

export const messengerSettingsSchema = z.object({
  /** The Facebook Page the channel answers for. */
  pageId: graphId('pageId'),
});
export type MessengerSettings = z.output<typeof messengerSettingsSchema>;

export const MESSENGER_CHANNEL_SCHEMAS: ChannelSchemas<MessengerSettings> = {
  settings: messengerSettingsSchema,
  credentials: pageCredentialsSchema,
};
