import { type LDClient, basicLogger, init } from '@launchdarkly/node-server-sdk';
import { FakeLaunchDarkly } from './fake-launchdarkly.server';

/** The fake speaks what the real SDK expects: checked with the SDK itself, in polling mode too. */
describe('FakeLaunchDarkly with the real SDK', () => {
  let launchDarkly: FakeLaunchDarkly;
  const clients: LDClient[] = [];

  const connect = (options: { stream: boolean; sdkKey?: string }) => {
    const client = init(options.sdkKey ?? launchDarkly.sdkKey, {
      stream: options.stream,
      baseUri: launchDarkly.uri,
      streamUri: launchDarkly.uri,
      eventsUri: launchDarkly.uri,
      diagnosticOptOut: true,
      logger: basicLogger({ level: 'none' }),
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    launchDarkly = await FakeLaunchDarkly.start();
    launchDarkly.setFlag('greeting', {
      variations: ['hello', 'bonjour'],
      fallthrough: 0,
      rules: [{ contextKind: 'workspace', values: ['ws-fr'], variation: 1 }],
    });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await launchDarkly.close();
  });

  it('initialises a polling SDK from /sdk/latest-all, rules included', async () => {
    const client = connect({ stream: false });
    await client.waitForInitialization({ timeout: 5 });
    expect(launchDarkly.requests.some((r) => r.path === '/sdk/latest-all')).toBe(true);
    expect(await client.variation('greeting', { kind: 'workspace', key: 'ws-fr' }, 'x')).toBe(
      'bonjour',
    );
    expect(await client.variation('greeting', { kind: 'workspace', key: 'ws-en' }, 'x')).toBe(
      'hello',
    );
  });

  it('streams patches and deletions to a streaming SDK', async () => {
    const client = connect({ stream: true });
    await client.waitForInitialization({ timeout: 5 });
    const updated = new Promise<string>((resolve) =>
      client.once('update', ({ key }: { key: string }) => resolve(key)),
    );
    launchDarkly.setFlag('greeting', { variations: ['hello', 'hola'], fallthrough: 1 });
    expect(await updated).toBe('greeting');
    expect(await client.variation('greeting', { kind: 'workspace', key: 'ws-en' }, 'x')).toBe(
      'hola',
    );
    const deleted = new Promise<void>((resolve) => client.once('update', () => resolve()));
    launchDarkly.deleteFlag('greeting');
    await deleted;
    expect(await client.variation('greeting', { kind: 'workspace', key: 'ws-en' }, 'x')).toBe('x');
  });

  it('refuses a wrong SDK key, which the SDK takes as final', async () => {
    const client = connect({ stream: true, sdkKey: 'sdk-not-this-one' });
    await expect(client.waitForInitialization({ timeout: 5 })).rejects.toThrow();
    expect(client.initialized()).toBe(false);
  });
});
