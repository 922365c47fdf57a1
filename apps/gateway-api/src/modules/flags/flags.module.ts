import { Global, Module } from '@nestjs/common';
import { BotRepository } from '@cxgenie/database';
import { BotKillSwitch } from './bot-kill-switch';
import { FlagsController } from './flags.controller';
import { ParagraphFlushInterval } from './paragraph-flush-interval';

/**
 * gateway-api's flags: the dashboard's route, and the flags the conversation pipeline reads.
 * Global so the pipeline reaches them without importing this module.
 */
@Global()
@Module({
  controllers: [FlagsController],
  providers: [BotKillSwitch, ParagraphFlushInterval, BotRepository],
  exports: [BotKillSwitch, ParagraphFlushInterval],
})
export class FlagsModule {}
