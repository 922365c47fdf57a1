import { Module } from '@nestjs/common';
import { InstagramChannelAdapter } from './instagram-channel.adapter';

/** Instagram: the whole platform, as far as the rest of the app knows. */
@Module({ providers: [InstagramChannelAdapter] })
export class InstagramModule {}
