import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QueueNames } from '@cxgenie/contracts';
import { BotChannelRepository, BotRepository } from '@cxgenie/database';
import { BotViews } from './bot-views';
import { BotsController } from './bots.controller';
import { CreateBot } from './usecases/create-bot/create-bot.usecase';
import { DeleteBot } from './usecases/delete-bot/delete-bot.usecase';
import { GetBot } from './usecases/get-bot/get-bot.usecase';
import { ListBots } from './usecases/list-bots/list-bots.usecase';
import { RotateBotPublicKey } from './usecases/rotate-bot-public-key/rotate-bot-public-key.usecase';
import { UpdateBot } from './usecases/update-bot/update-bot.usecase';

@Module({
  imports: [BullModule.registerQueue({ name: QueueNames.KnowledgePurge })],
  controllers: [BotsController],
  providers: [
    BotRepository,
    BotChannelRepository,
    BotViews,
    CreateBot,
    ListBots,
    GetBot,
    UpdateBot,
    DeleteBot,
    RotateBotPublicKey,
  ],
})
export class BotsModule {}
