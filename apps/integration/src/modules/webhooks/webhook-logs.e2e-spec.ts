import type { Sequelize } from 'sequelize';
import { TenantConnections } from '@cxgenie/database';
import {
  type BootedService,
  FAKE_TELEGRAM_BOT_TOKEN,
  bootService,
  eventually,
  telegramUpdates,
} from '@cxgenie/testing';
import { integrationService } from '../../integration.service';
import { seedPlatformChannel } from '../../channels.test-helpers';

/**
 * Every secret a platform or a client sends us, in a header or in the URL, must stay out of the
 * logs: they are shipped to log stores many people can read. Each call below carries a known
 * secret; afterwards the service's captured log lines are searched for it.
 */
describe('secrets in the integration service’s logs', () => {
  let integration: BootedService;
  let sequelize: Sequelize;

  beforeAll(async () => {
    integration = await bootService(integrationService);
    sequelize = integration.app.get(TenantConnections).sequelize;
  });
  afterAll(() => integration.close());

  const logged = () => JSON.stringify(integration.logs.lines);

  it('logs requests carrying a verify token, a webhook secret or an API key without them', async () => {
    const verifyToken = `vt_${Date.now().toString(36)}_do_not_log`;
    const apiKey = `cxg_live_${Date.now().toString(36)}_do_not_log`;
    const messenger = await seedPlatformChannel(sequelize, integration.config.encryptionKey, {
      type: 'messenger',
      credentials: { pageAccessToken: 'page-token', appSecret: 'app-secret', verifyToken },
      settings: { pageId: '106403224510948' },
    });
    const telegram = await seedPlatformChannel(sequelize, integration.config.encryptionKey, {
      type: 'telegram',
      credentials: { botToken: FAKE_TELEGRAM_BOT_TOKEN },
    });

    const handshake = await fetch(
      `${integration.url}/webhooks/messenger/${messenger.channelId}` +
        `?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`,
    );
    expect(handshake.status).toBe(200);
    const wrongGuess = await fetch(
      `${integration.url}/webhooks/messenger/${messenger.channelId}` +
        `?hub.mode=subscribe&hub.verify_token=${verifyToken}x&hub.challenge=1`,
    );
    expect(wrongGuess.status).toBe(403);
    const update = await fetch(`${integration.url}/webhooks/telegram/${telegram.channelId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': telegram.webhookSecret,
        'x-api-key': apiKey,
      },
      body: JSON.stringify(telegramUpdates.text(Math.floor(Date.now() / 1000), 'hi')),
    });
    expect(update.status).toBe(200);
    const refused = await fetch(`${integration.url}/webhooks/telegram/${telegram.channelId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': `${telegram.webhookSecret}x`,
      },
      body: '{}',
    });
    expect(refused.status).toBe(403);

    // The calls are logged (so the search below can find something) ...
    await eventually(() => {
      const urls = integration.logs.lines.map((line) => (line['req'] as { url?: string })?.url);
      expect(urls).toContain(
        `/webhooks/messenger/${messenger.channelId}?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=1158201444`,
      );
      expect(urls).toContain(`/webhooks/telegram/${telegram.channelId}`);
    });
    const telegramLine = integration.logs.lines.find(
      (line) =>
        (line['req'] as { url?: string })?.url === `/webhooks/telegram/${telegram.channelId}`,
    );
    expect((telegramLine?.['req'] as { headers: Record<string, string> }).headers).toMatchObject({
      'x-telegram-bot-api-secret-token': '[redacted]',
      'x-api-key': '[redacted]',
    });
    // ... and none of the secrets is in any line.
    for (const secret of [verifyToken, apiKey, telegram.webhookSecret, FAKE_TELEGRAM_BOT_TOKEN]) {
      expect(logged()).not.toContain(secret);
    }
  });
});
