import { Module } from '@nestjs/common';
import { ViberChannelAdapter } from './viber-channel.adapter';

/** Viber: the whole platform, as far as the rest of the app knows. */
@Module({ providers: [ViberChannelAdapter] })
export class ViberModule {}
