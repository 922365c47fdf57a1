import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { ChannelDirectoryModule } from './core-modules/channel-directory/channel-directory.module';
import { ChannelRegistryModule } from './core-modules/channel-registry/channel-registry.module';
import { LocksModule } from './core-modules/locks/locks.module';
import { ChannelMetricsModule } from './core-modules/metrics/metrics.module';
import { QueuesModule } from './core-modules/queues/queues.module';
import { RealtimeModule } from './core-modules/realtime/realtime.module';
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
        QueuesModule,
        RealtimeModule,
        ...PLATFORM_MODULES,
        WebhooksModule,
        OutboundModule,
        ChannelConnectionsModule,
      ],
    };
  }
}
