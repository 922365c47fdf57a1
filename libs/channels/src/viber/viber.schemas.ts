import { z } from 'zod';
import type { ChannelSchemas } from '../shared/channel-schemas';

export const viberSettingsSchema = z
  .object({
    /** Shown as the sender of our messages; Viber allows 28 characters. */
    senderName: z.string().trim().min(1).max(28).optional(),
    senderAvatar: z.string().url().optional(),
  })
  .passthrough();
export type ViberSettings = z.infer<typeof viberSettingsSchema>;

export const viberCredentialsSchema = z
  .object({ authToken: z.string().trim().min(10, 'must be the bot account authentication token') })
  .strict();

export const VIBER_CHANNEL_SCHEMAS: ChannelSchemas<ViberSettings> = {
  settings: viberSettingsSchema,
  credentials: viberCredentialsSchema,
};
