import { Module } from '@nestjs/common';
import { WhatsAppChannelAdapter } from './whatsapp-channel.adapter';

/** WhatsApp: the whole platform, as far as the rest of the app knows. */
@Module({ providers: [WhatsAppChannelAdapter] })
export class WhatsAppModule {}
