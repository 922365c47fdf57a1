import { z } from 'zod';
import type { ChannelSchemas } from '../shared/channel-schemas';

/** No settings of its own yet; unknown keys are kept as given. */
export const telegramSettingsSchema = z.object({}).passthrough();
export type TelegramSettings = z.infer<typeof telegramSettingsSchema>;

export const telegramCredentialsSchema = z
  .object({
    // What BotFather hands out: `<bot id>:<secret>`.
    botToken: z.string().regex(/^\d+:[\w-]{20,}$/, 'must be a bot token from BotFather'),
  })
  .strict();

export const TELEGRAM_CHANNEL_SCHEMAS: ChannelSchemas<TelegramSettings> = {
  settings: telegramSettingsSchema,
  credentials: telegramCredentialsSchema,
};
