import { Module } from '@nestjs/common';
import { TelegramChannelAdapter } from './telegram-channel.adapter';

/** Telegram: the whole platform, as far as the rest of the app knows. */
@Module({ providers: [TelegramChannelAdapter] })
export class TelegramModule {}
