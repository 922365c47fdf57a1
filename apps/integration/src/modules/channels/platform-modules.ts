import type { Type } from '@nestjs/common';
import { InstagramModule } from './instagram/instagram.module';
import { MessengerModule } from './messenger/messenger.module';
import { TelegramModule } from './telegram/telegram.module';
import { ViberModule } from './viber/viber.module';
import { WhatsAppModule } from './whatsapp/whatsapp.module';

/**
 * One module per messaging platform; each provides its `@ChannelAdapterPlugin()` adapter and
 * nothing else needs to know about it. Adding a platform is adding its module here.
 */
export const PLATFORM_MODULES: Type[] = [
  MessengerModule,
  InstagramModule,
  WhatsAppModule,
  TelegramModule,
  ViberModule,
];
