import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions, QueuesModule } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { ConversationIntakeModule, ConversationStoreModule } from '@cxgenie/conversations';
import { RealtimeModule } from '@cxgenie/realtime';
import { ChannelDirectoryModule } from './core-modules/channel-directory/channel-directory.module';
import { ChannelRegistryModule } from './core-modules/channel-registry/channel-registry.module';
import { LocksModule } from './core-modules/locks/locks.module';
import { ChannelMetricsModule } from './core-modules/metrics/metrics.module';
import { ChannelConnectionsModule } from './modules/channel-connections/channel-connections.module';
import { PLATFORM_MODULES } from './modules/channels/platform-modules';
import { OutboundModule } from './modules/outbound/outbound.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';

/** Channel adapters: platform webhooks in, internal messages, platform formats out. */
@Module({})
export class IntegrationModule {
  static register(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: IntegrationModule,
      imports: [
        PlatformModule.forService(config, options),
        ChannelRegistryModule,
        ChannelDirectoryModule,
        ChannelMetricsModule,
        LocksModule,
        // Feeds conversation.inbound and handoff.requests; drains channel.outbound.
        QueuesModule.register([
          QueueNames.ConversationInbound,
          QueueNames.ChannelOutbound,
          QueueNames.HandoffRequests,
          QueueNames.AnalyticsEvents,
        ]),
        RealtimeModule,
        ConversationStoreModule,
        ConversationIntakeModule,
        ...PLATFORM_MODULES,
        WebhooksModule,
        OutboundModule,
        ChannelConnectionsModule,
      ],
    };
  }
}
