import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { ChannelAdapter } from '@cxgenie/contracts';
import { CHANNEL_ADAPTER_PLUGIN } from './channel-adapter.decorator';

/** Any platform's adapter, seen from the framework: settings are validated before they reach it. */
export type AnyChannelAdapter = ChannelAdapter<unknown>;

const isChannelAdapter = (value: unknown): value is AnyChannelAdapter => {
  const candidate = value as Partial<AnyChannelAdapter> | null;
  return (
    typeof candidate?.platform === 'string' &&
    typeof candidate.verify === 'function' &&
    typeof candidate.parse === 'function' &&
    typeof candidate.send === 'function' &&
    typeof candidate.settingsSchema?.safeParse === 'function' &&
    typeof candidate.credentialsSchema?.safeParse === 'function'
  );
};

/**
 * Every `@ChannelAdapterPlugin()` provider of the app, by platform, found once at boot. A provider
 * that is not a complete adapter, or a second adapter for a platform, stops the boot: a half-wired
 * platform must not fail only when its first webhook arrives.
 */
@Injectable()
export class ChannelAdapterRegistry implements OnModuleInit {
  private readonly logger = new Logger(ChannelAdapterRegistry.name);
  private readonly adapters = new Map<string, AnyChannelAdapter>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !this.reflector.get<boolean>(CHANNEL_ADAPTER_PLUGIN, metatype)) continue;
      if (!isChannelAdapter(instance)) {
        throw new Error(
          `${wrapper.name} is marked @ChannelAdapterPlugin() but is not a ChannelAdapter`,
        );
      }
      const existing = this.adapters.get(instance.platform);
      if (existing && existing !== instance) {
        throw new Error(`two channel adapters for ${instance.platform}`);
      }
      this.adapters.set(instance.platform, instance);
    }
    this.logger.log(`channel adapters: ${this.platforms().join(', ') || 'none'}`);
  }

  get(platform: string): AnyChannelAdapter | undefined {
    return this.adapters.get(platform);
  }

  platforms(): string[] {
    return [...this.adapters.keys()].sort();
  }
}
