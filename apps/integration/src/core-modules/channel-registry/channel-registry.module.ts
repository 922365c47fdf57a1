import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ChannelAdapterRegistry } from './channel-adapter.registry';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [ChannelAdapterRegistry],
  exports: [ChannelAdapterRegistry],
})
export class ChannelRegistryModule {}
