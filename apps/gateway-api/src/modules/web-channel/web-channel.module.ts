import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import {
  BotChannelRepository,
  BotRepository,
  ChannelCustomerRepository,
  CustomerRepository,
} from '@cxgenie/database';
import { ChannelsModule } from '../channels/channels.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { WidgetCsatController } from './messages/widget-csat.controller';
import { WidgetConversations } from './messages/widget-conversations';
import { WidgetMessagesController } from './messages/widget-messages.controller';
import { CustomerGateway } from './realtime/customer.gateway';
import { WidgetSessionCorsMiddleware } from './session-cors.middleware';
import { GetWidgetSession } from './sessions/usecases/get-widget-session/get-widget-session.usecase';
import { StartWidgetSession } from './sessions/usecases/start-widget-session/start-widget-session.usecase';
import { WidgetController } from './sessions/widget.controller';
import { WebWidgetController } from './web-widget.controller';

/**
 * The web channel: everything about the embeddable widget in one place. Its sessions (a visitor
 * becomes a customer of the bot's web channel), its messages over REST and Socket.IO (through the
 * intake every channel shares), its rating buttons, and the widget script and demo page it is
 * served as (`/widget/cxgenie-widget.js`, `/widget/demo`), callable from the customer's own site.
 */
@Module({
  imports: [ChannelsModule, ConversationsModule],
  controllers: [
    WidgetController,
    WidgetMessagesController,
    WidgetCsatController,
    WebWidgetController,
  ],
  providers: [
    BotRepository,
    BotChannelRepository,
    ChannelCustomerRepository,
    CustomerRepository,
    StartWidgetSession,
    GetWidgetSession,
    WidgetConversations,
    CustomerGateway,
  ],
})
export class WebChannelModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(WidgetSessionCorsMiddleware)
      .forRoutes(
        { path: 'api/v1/widget/sessions', method: RequestMethod.ALL },
        { path: 'api/v1/widget/session', method: RequestMethod.ALL },
      );
  }
}
