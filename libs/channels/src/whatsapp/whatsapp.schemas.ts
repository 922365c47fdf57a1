import { z } from 'zod';
import { graphId, metaWebhookCredentials } from '../meta/meta-credentials.schema';
import type { ChannelSchemas } from '../shared/channel-schemas';

export const whatsappSettingsSchema = z.object({
  /** The business phone number the channel sends from and receives on. */
  phoneNumberId: graphId('phoneNumberId'),
  /** The WhatsApp Business Account that owns the number (and its templates). */
  wabaId: graphId('wabaId'),
  /** The approved template sent when the 24-hour customer-service window is closed. */
  templateName: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, 'templateName must be an approved template name (a-z, 0-9, _)'),
  /** Its language code as approved, e.g. `en_US`. */
  templateLanguage: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, 'templateLanguage must be a code such as en or en_US'),
});
export type WhatsAppSettings = z.output<typeof whatsappSettingsSchema>;

export const whatsappCredentialsSchema = z
  .object({
    /** A system-user or business token with `whatsapp_business_messaging`. */
    accessToken: z.string().trim().min(1, 'accessToken is required'),
    ...metaWebhookCredentials,
  })
  .strict();
export type WhatsAppCredentials = z.output<typeof whatsappCredentialsSchema>;

export const WHATSAPP_CHANNEL_SCHEMAS: ChannelSchemas<WhatsAppSettings> = {
  settings: whatsappSettingsSchema,
  credentials: whatsappCredentialsSchema,
};
