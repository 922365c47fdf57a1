import { Module } from '@nestjs/common';
import {
  BotChannelRepository,
  BotRepository,
  ChannelCustomerRepository,
  CustomerRepository,
} from '@cxgenie/database';
import { ChannelsModule } from '../channels/channels.module';
import { GetWidgetSession } from './usecases/get-widget-session/get-widget-session.usecase';
import { StartWidgetSession } from './usecases/start-widget-session/start-widget-session.usecase';
import { WidgetController } from './widget.controller';

@Module({
  imports: [ChannelsModule],
  controllers: [WidgetController],
  providers: [
    BotRepository,
    BotChannelRepository,
    ChannelCustomerRepository,
    CustomerRepository,
    StartWidgetSession,
    GetWidgetSession,
  ],
})
export class WidgetModule {}
