import { z } from 'zod';
import { graphId, pageCredentialsSchema } from '../meta/meta-credentials.schema';
import type { ChannelSchemas } from '../shared/channel-schemas';

export const instagramSettingsSchema = z.object({
  /** The Instagram professional account id: the `entry[].id` of its webhook deliveries. */
  igUserId: graphId('igUserId'),
});
export type InstagramSettings = z.output<typeof instagramSettingsSchema>;

export const INSTAGRAM_CHANNEL_SCHEMAS: ChannelSchemas<InstagramSettings> = {
  settings: instagramSettingsSchema,
  credentials: pageCredentialsSchema,
};
