import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';

/** Metadata key the registry looks for on providers. */
export const CHANNEL_ADAPTER_PLUGIN = Symbol('cxgenie:channel-adapter-plugin');

/**
 * Marks a provider as the `ChannelAdapter` of one platform. The registry discovers every such
 * provider at boot, so a platform plugs in by providing its adapter from its own module: nothing
 * else in the app names it.
 *
 *   @ChannelAdapterPlugin()
 *   export class TelegramChannelAdapter extends TelegramAdapter { … }
 */
export const ChannelAdapterPlugin = (): ClassDecorator =>
  applyDecorators(SetMetadata(CHANNEL_ADAPTER_PLUGIN, true), Injectable());
