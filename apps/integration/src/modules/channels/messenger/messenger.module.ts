import { Module } from '@nestjs/common';
import { MessengerChannelAdapter } from './messenger-channel.adapter';

/** Messenger: the whole platform, as far as the rest of the app knows. */
@Module({ providers: [MessengerChannelAdapter] })
export class MessengerModule {}
