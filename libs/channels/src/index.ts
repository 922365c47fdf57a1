import type { NormalizedInboundMessage } from '@cxgenie/contracts';
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

/**
 * Each platform's settings and credentials schemas, by channel type: what a channel of that type
 * must be written with (gateway-api validates with them; the adapters carry the same schemas).
 * A platform registers here with one line.
 */
export const CHANNEL_SETTINGS_SCHEMAS: Readonly<
  Partial<Record<NormalizedInboundMessage['platform'], ChannelSchemas>>
> = {
  telegram: TELEGRAM_CHANNEL_SCHEMAS,
  viber: VIBER_CHANNEL_SCHEMAS,
  messenger: MESSENGER_CHANNEL_SCHEMAS,
  instagram: INSTAGRAM_CHANNEL_SCHEMAS,
  whatsapp: WHATSAPP_CHANNEL_SCHEMAS,
};
