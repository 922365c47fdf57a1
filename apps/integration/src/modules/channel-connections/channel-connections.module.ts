import { Module } from '@nestjs/common';
import { ChannelConnectionsController } from './channel-connections.controller';
import { ConnectChannel } from './usecases/connect-channel/connect-channel.usecase';

@Module({ controllers: [ChannelConnectionsController], providers: [ConnectChannel] })
export class ChannelConnectionsModule {}
