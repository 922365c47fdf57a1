import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions, QueuesModule } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { ConversationIntakeModule, ConversationStoreModule } from '@cxgenie/conversations';
import { RealtimeModule } from '@cxgenie/realtime';
import { FlagsClientModule } from '@cxgenie/flags';
import { AuthCoreModule } from './core-modules/auth/auth-core.module';
import { AnalyticsModule } from './core-modules/analytics/analytics.module';
import { BotConfigModule } from './core-modules/bot-config/bot-config.module';
import { LimitsModule } from './core-modules/limits/limits.module';
import { AnalyticsReportsModule } from './modules/analytics/analytics.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuthModule } from './modules/auth/auth.module';
import { BotsModule } from './modules/bots/bots.module';
import { ChannelCatalogModule } from './modules/channel-catalog/channel-catalog.module';
import { ChannelsModule } from './modules/channels/channels.module';
import { ConversationsModule } from './modules/conversations/conversations.module';
import { FlagsModule } from './modules/flags/flags.module';
import { DashboardAppModule } from './modules/dashboard-app/dashboard-app.module';
import { CustomersModule } from './modules/customers/customers.module';
import { InvitationsModule } from './modules/invitations/invitations.module';
import { KnowledgeModule } from './modules/knowledge/knowledge.module';
import { MembersModule } from './modules/members/members.module';
import { DeadLettersModule } from './modules/dead-letters/dead-letters.module';
import { PlaygroundModule } from './modules/playground/playground.module';
import { WebChannelModule } from './modules/web-channel/web-channel.module';
import { WorkspaceAccessModule } from './modules/workspace-access/workspace-access.module';
import { WorkspacesModule } from './modules/workspaces/workspaces.module';
import { SystemModule } from './modules/system/system.module';
import { TicketsModule } from './modules/tickets/tickets.module';

/** Every queue gateway-api produces to or consumes from. */
const GATEWAY_QUEUES = [
  QueueNames.ConversationInbound,
  QueueNames.ChannelOutbound,
  QueueNames.EmailOutbound,
  QueueNames.BotNotEnoughData,
  QueueNames.AttemptedAnswers,
  QueueNames.HandoffRequests,
  QueueNames.TicketAssignment,
  QueueNames.AgentPresence,
  QueueNames.ConversationSweep,
  QueueNames.AnalyticsEvents,
  QueueNames.KnowledgeIndex,
  QueueNames.LoaderIngest,
];

/** REST dashboard API, Socket.IO gateway and conversation workers. */
@Module({})
export class GatewayApiModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: GatewayApiModule,
      imports: [
        PlatformModule.forService(config, options),
        QueuesModule.register(GATEWAY_QUEUES),
        RealtimeModule,
        ConversationStoreModule,
        ConversationIntakeModule,
        FlagsClientModule.forRoot(),
        AuthCoreModule,
        LimitsModule,
        BotConfigModule,
        AnalyticsModule,
        AuthModule,
        WorkspaceAccessModule,
        WorkspacesModule,
        MembersModule,
        DeadLettersModule,
        InvitationsModule,
        ApiKeysModule,
        BotsModule,
        ChannelsModule,
        ChannelCatalogModule,
        WebChannelModule,
        DashboardAppModule,
        KnowledgeModule,
        PlaygroundModule,
        CustomersModule,
        ConversationsModule,
        TicketsModule,
        AnalyticsReportsModule,
        SystemModule,
        FlagsModule,
      ],
    };
  }
}
