import { Module } from '@nestjs/common';
import { BotRepository, ChannelRepository } from '@cxgenie/database';
import { ChannelConnector } from './channel-connector';
import { ChannelRules } from './channel-rules';
import { ChannelSecrets } from './channel-secrets';
import { ChannelViews } from './channel-views';
import { ChannelsController } from './channels.controller';
import { CreateChannel } from './usecases/create-channel/create-channel.usecase';
import { DeleteChannel } from './usecases/delete-channel/delete-channel.usecase';
import { GetChannel } from './usecases/get-channel/get-channel.usecase';
import { ListChannels } from './usecases/list-channels/list-channels.usecase';
import { RotateWebhookSecret } from './usecases/rotate-webhook-secret/rotate-webhook-secret.usecase';
import { UpdateChannel } from './usecases/update-channel/update-channel.usecase';

@Module({
  controllers: [ChannelsController],
  providers: [
    BotRepository,
    ChannelRepository,
    ChannelSecrets,
    ChannelRules,
    ChannelViews,
    CreateChannel,
    ListChannels,
    GetChannel,
    UpdateChannel,
    DeleteChannel,
    RotateWebhookSecret,
    ChannelConnector,
  ],
  // The widget creates a bot's web channel on first use, with a webhook secret like any other.
  exports: [ChannelSecrets],
})
export class ChannelsModule {}
