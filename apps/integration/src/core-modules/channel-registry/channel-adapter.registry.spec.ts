import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TelegramAdapter, ViberAdapter } from '@cxgenie/channels';
import { ChannelAdapterPlugin } from './channel-adapter.decorator';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { ChannelRegistryModule } from './channel-registry.module';

@ChannelAdapterPlugin()
class TelegramPlugin extends TelegramAdapter {
  constructor() {
    super({ apiRoot: 'http://127.0.0.1:9' });
  }
}

@ChannelAdapterPlugin()
class ViberPlugin extends ViberAdapter {
  constructor() {
    super({ apiRoot: 'http://127.0.0.1:9/pa' });
  }
}

@ChannelAdapterPlugin()
class AnotherTelegramPlugin extends TelegramPlugin {}

@ChannelAdapterPlugin()
class NotAnAdapter {
  readonly platform = 'telegram';
}

/** An adapter nobody marked is just a class: the registry ignores it. */
class UndecoratedViber extends ViberAdapter {
  constructor() {
    super({ apiRoot: 'http://127.0.0.1:9/pa' });
  }
}

@Module({ providers: [TelegramPlugin] })
class TelegramModule {}
@Module({ providers: [ViberPlugin] })
class ViberModule {}

const registryWith = async (...imports: unknown[]) => {
  const moduleRef = await Test.createTestingModule({
    imports: [ChannelRegistryModule, ...(imports as never[])],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(ChannelAdapterRegistry);
};

describe('ChannelAdapterRegistry', () => {
  it('finds the decorated adapter of every imported platform module, by platform', async () => {
    const registry = await registryWith(TelegramModule, ViberModule);
    expect(registry.platforms()).toEqual(['telegram', 'viber']);
    expect(registry.get('telegram')).toBeInstanceOf(TelegramPlugin);
    expect(registry.get('viber')).toBeInstanceOf(ViberPlugin);
    expect(registry.get('messenger')).toBeUndefined();
  });

  it('ignores providers that are not marked as plugins', async () => {
    @Module({ providers: [UndecoratedViber] })
    class PlainModule {}
    expect((await registryWith(PlainModule)).platforms()).toEqual([]);
  });

  it('refuses to boot with two adapters for one platform, or a plugin that is not an adapter', async () => {
    @Module({ providers: [AnotherTelegramPlugin] })
    class SecondTelegramModule {}
    await expect(registryWith(TelegramModule, SecondTelegramModule)).rejects.toThrow(
      'two channel adapters for telegram',
    );
    @Module({ providers: [NotAnAdapter] })
    class BrokenModule {}
    await expect(registryWith(BrokenModule)).rejects.toThrow(/is not a ChannelAdapter/);
  });
});
