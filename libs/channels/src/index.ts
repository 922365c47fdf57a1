import type { ChannelType } from '@cxgenie/contracts';
import { EMAIL_CHANNEL_SCHEMAS } from './email/email.schemas';
import type { ChannelSchemas } from './shared/channel-schemas';
import { TELEGRAM_CHANNEL_SCHEMAS } from './telegram/telegram.schemas';
import { VIBER_CHANNEL_SCHEMAS } from './viber/viber.schemas';
import { MESSENGER_CHANNEL_SCHEMAS } from './messenger/messenger.schemas';
import { INSTAGRAM_CHANNEL_SCHEMAS } from './instagram/instagram.schemas';
import { WHATSAPP_CHANNEL_SCHEMAS } from './whatsapp/whatsapp.schemas';

export * from './shared';
export * from './telegram';
export * from './viber';
export * from './meta';
export * from './messenger';
export * from './instagram';
export * from './whatsapp';
export * from './email';

/**
 * Each channel type's settings and credentials schemas: what a channel of that type must be
 * written with (gateway-api validates with them; the adapters and the email app read the same
 * schemas). A channel type registers here with one line; the widget takes none.
 */
export const CHANNEL_SETTINGS_SCHEMAS: Readonly<
  Partial<Record<Exclude<ChannelType, 'web'>, ChannelSchemas<unknown, unknown>>>
> = {
  telegram: TELEGRAM_CHANNEL_SCHEMAS,
  viber: VIBER_CHANNEL_SCHEMAS,
  messenger: MESSENGER_CHANNEL_SCHEMAS,
  instagram: INSTAGRAM_CHANNEL_SCHEMAS,
  whatsapp: WHATSAPP_CHANNEL_SCHEMAS,
  email: EMAIL_CHANNEL_SCHEMAS,
};
