import { Global, Module } from '@nestjs/common';
import { BotConfigCache } from './bot-config.cache';

@Global()
@Module({ providers: [BotConfigCache], exports: [BotConfigCache] })
export class BotConfigModule {}
