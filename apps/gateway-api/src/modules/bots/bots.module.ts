import { Module } from '@nestjs/common';
import { QueuesModule } from '@cxgenie/bootstrap';
import { QueueNames } from '@cxgenie/contracts';
import { BotChannelRepository, BotRepository } from '@cxgenie/database';
import { CoreAiClient } from '../../core-modules/core-ai/core-ai.client';
import { BotIndexStatus } from './bot-index-status';
import { BotViews } from './bot-views';
import { BotsController } from './bots.controller';
import { CreateBot } from './usecases/create-bot/create-bot.usecase';
import { DeleteBot } from './usecases/delete-bot/delete-bot.usecase';
import { GetBot } from './usecases/get-bot/get-bot.usecase';
import { ListBots } from './usecases/list-bots/list-bots.usecase';
import { RotateBotIdentitySecret } from './usecases/rotate-bot-identity-secret/rotate-bot-identity-secret.usecase';
import { RotateBotPublicKey } from './usecases/rotate-bot-public-key/rotate-bot-public-key.usecase';
import { UpdateBot } from './usecases/update-bot/update-bot.usecase';

@Module({
  imports: [QueuesModule.register([QueueNames.KnowledgePurge])],
  controllers: [BotsController],
  providers: [
    BotRepository,
    BotChannelRepository,
    BotViews,
    CoreAiClient,
    BotIndexStatus,
    CreateBot,
    ListBots,
    GetBot,
    UpdateBot,
    DeleteBot,
    RotateBotPublicKey,
    RotateBotIdentitySecret,
  ],
})
export class BotsModule {}
