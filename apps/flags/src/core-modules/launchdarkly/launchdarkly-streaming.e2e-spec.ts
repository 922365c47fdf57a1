import { randomUUID } from 'node:crypto';
import type { LDClient } from '@launchdarkly/node-server-sdk';
import { Flags } from '@cxgenie/contracts';
import { FakeLaunchDarkly, eventually } from '@cxgenie/testing';
import { type FlagsUnderTest, bootFlags } from '../../testing/flags-under-test';
import { LAUNCHDARKLY_CLIENT } from './launchdarkly.tokens';

/** The key path: the real SDK streaming from a stand-in speaking LaunchDarkly's protocol. */
describe('flags: LaunchDarkly streaming (SDK key set)', () => {
  let launchDarkly: FakeLaunchDarkly;
  let flags: FlagsUnderTest;
  const botId = randomUUID();

  beforeAll(async () => {
    launchDarkly = await FakeLaunchDarkly.start();
    launchDarkly.setFlag(Flags.retrievalMode.key, {
      variations: ['hybrid', 'vector-only'],
      fallthrough: 0,
      targets: [{ contextKind: 'bot', keys: [botId], variation: 1 }],
    });
    flags = await bootFlags({ env: launchDarkly.env() });
  });

  afterAll(async () => {
    await flags.close();
    await launchDarkly.close();
  });

  it('connects to the stream with its SDK key and serves what LaunchDarkly sent', async () => {
    const stream = launchDarkly.requests.find((r) => r.path === '/all');
    expect(stream).toMatchObject({ method: 'GET', authorization: launchDarkly.sdkKey });
    expect(stream!.userAgent).toMatch(/NodeJSClient/);
    expect(await flags.http.status()).toMatchObject({ source: 'launchdarkly', initialized: true });

    const workspaceId = randomUUID();
    expect(
      await flags.http.evaluate(Flags.retrievalMode.key, { workspaceId, botId }),
    ).toMatchObject({
      value: 'vector-only',
      reason: { kind: 'TARGET_MATCH' },
    });
    expect(
      await flags.http.evaluate(Flags.retrievalMode.key, { workspaceId, botId: randomUUID() }),
    ).toMatchObject({ value: 'hybrid', reason: { kind: 'FALLTHROUGH' } });
  });

  it('follows a change streamed as a patch, through to the in-process clients', async () => {
    const client = flags.client('streaming');
    await client.whenSubscribed();
    const context = { workspaceId: randomUUID(), botId: randomUUID() };
    expect(await client.get(Flags.retrievalMode, context)).toBe('hybrid');

    launchDarkly.setFlag(Flags.retrievalMode.key, {
      variations: ['hybrid', 'vector-only'],
      fallthrough: 1,
    });
    await eventually(async () =>
      expect(await client.get(Flags.retrievalMode, context)).toBe('vector-only'),
    );

    launchDarkly.deleteFlag(Flags.retrievalMode.key);
    // A deleted flag serves the coded default again.
    await eventually(async () =>
      expect(await client.evaluate(Flags.retrievalMode, context)).toMatchObject({
        value: 'hybrid',
        reason: { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' },
      }),
    );
  });

  it('reconnects after the stream drops and catches up on what changed meanwhile', async () => {
    const client = flags.client('reconnect');
    await client.whenSubscribed();
    const context = { workspaceId: randomUUID() };
    launchDarkly.setFlag(Flags.paragraphFlushMs.key, { variations: [200, 60], fallthrough: 0 });
    await eventually(async () =>
      expect(await client.get(Flags.paragraphFlushMs, context)).toBe(200),
    );

    launchDarkly.refuseStreams(true);
    launchDarkly.setFlag(Flags.paragraphFlushMs.key, { variations: [200, 60], fallthrough: 1 });
    expect(await client.get(Flags.paragraphFlushMs, context)).toBe(200);
    launchDarkly.refuseStreams(false);
    // The SDK's reconnect gets a fresh `put`; the changed flag's version is newer, so it counts.
    await eventually(
      async () => expect(await client.get(Flags.paragraphFlushMs, context)).toBe(60),
      15_000,
    );
  });

  it("reports evaluations to LaunchDarkly's events endpoint, as the SDK does", async () => {
    await flags.service.app.get<LDClient>(LAUNCHDARKLY_CLIENT).flush();
    await eventually(() => {
      const counters = launchDarkly.summaryCounters(Flags.retrievalMode.key);
      expect(counters.reduce((sum, c) => sum + c.count, 0)).toBeGreaterThan(0);
    });
    expect(
      launchDarkly.requests
        .filter((r) => r.path === '/bulk')
        .every((r) => r.authorization === launchDarkly.sdkKey),
    ).toBe(true);
  });
});

describe('flags: LaunchDarkly refusing the SDK key', () => {
  it('leaves the flags service up, serving every flag its coded default', async () => {
    const launchDarkly = await FakeLaunchDarkly.start();
    launchDarkly.setFlag(Flags.botKillSwitch.key, { variations: [false, true], fallthrough: 1 });
    const flags = await bootFlags({
      env: { ...launchDarkly.env(), LAUNCHDARKLY_SDK_KEY: 'sdk-wrong-key' },
    });
    try {
      expect(
        launchDarkly.requests.some((r) => r.path === '/all' && r.authorization === 'sdk-wrong-key'),
      ).toBe(true);
      expect(await flags.http.status()).toMatchObject({
        source: 'launchdarkly',
        initialized: false,
      });
      const client = flags.client('refused');
      expect(
        await client.evaluate(Flags.botKillSwitch, { workspaceId: randomUUID() }),
      ).toMatchObject({
        value: false,
        reason: { kind: 'ERROR', errorKind: 'CLIENT_NOT_READY' },
      });
      const health = await fetch(`${flags.service.url}/health/ready`);
      expect(health.status).toBe(200);
    } finally {
      await flags.close();
      await launchDarkly.close();
    }
  });
});
