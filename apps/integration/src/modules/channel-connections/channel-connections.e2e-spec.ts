import { SERVICE_TOKEN_HEADER } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  type BootedService,
  FAKE_TELEGRAM_BOT_TOKEN,
  FakeTelegram,
  bootService,
  serviceTokenHeaders,
} from '@cxgenie/testing';
import { integrationService } from '../../integration.service';
import { type SeededChannel, seedPlatformChannel } from '../../channels.test-helpers';

describe('POST /v1/channels/:id/connect is internal', () => {
  let telegram: FakeTelegram;
  let integration: BootedService;
  let channel: SeededChannel;

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    integration = await bootService(integrationService, {
      TELEGRAM_API_ROOT: telegram.apiRoot,
      PUBLIC_WEBHOOK_BASE_URL: 'https://hooks.example.test',
    });
    channel = await seedPlatformChannel(
      integration.app.get(TenantConnections).sequelize,
      integration.config.encryptionKey,
      { type: 'telegram', credentials: { botToken: FAKE_TELEGRAM_BOT_TOKEN } },
    );
  });

  afterAll(async () => {
    await integration.close();
    await telegram.close();
  });

  const connect = (headers: Record<string, string>) =>
    fetch(`${integration.url}/v1/channels/${channel.channelId}/connect`, {
      method: 'POST',
      headers,
    });

  it('refuses a caller without the service token, and registers nothing', async () => {
    const res = await connect({});
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toContain(SERVICE_TOKEN_HEADER);
    expect(telegram.callsTo('setWebhook')).toEqual([]);
  });

  it('refuses a wrong token, also one that only shares its prefix', async () => {
    const right = serviceTokenHeaders()[SERVICE_TOKEN_HEADER];
    for (const wrong of ['nope', right.slice(0, -1), `${right}x`]) {
      expect((await connect({ [SERVICE_TOKEN_HEADER]: wrong })).status).toBe(401);
    }
    expect(telegram.callsTo('setWebhook')).toEqual([]);
  });

  it('registers the webhook at the public origin for a caller with the token', async () => {
    const res = await connect(serviceTokenHeaders());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      webhookUrl: `https://hooks.example.test/webhooks/telegram/${channel.channelId}`,
      registered: true,
    });
    expect(telegram.callsTo('setWebhook')).toHaveLength(1);
  });

  it('keeps probes and metrics open to the cluster (the ingress and NetworkPolicies guard them)', async () => {
    expect((await fetch(`${integration.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${integration.url}/metrics`)).status).toBe(200);
  });
});
