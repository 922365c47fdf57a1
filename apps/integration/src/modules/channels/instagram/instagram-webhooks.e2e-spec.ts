import type { Sequelize } from 'sequelize';
import { TenantConnections } from '@cxgenie/database';
import {
  type BootedService,
  FAKE_GRAPH_ACCESS_TOKEN,
  FakeGraphApi,
  bootService,
  eventually,
  signMetaWebhook,
} from '@cxgenie/testing';
import { integrationService } from '../../../integration.service';
import {
  type SeededChannel,
  messagesOfChannel,
  seedPlatformChannel,
} from '../../../channels.test-helpers';

const APP_SECRET = 'instagram-e2e-app-secret';
const VERIFY_TOKEN = 'instagram-e2e-verify-token';
const IG_ID = '17841405822304914';
const IGSID = '1914267468938223';

describe('Instagram through the integration service', () => {
  let graph: FakeGraphApi;
  let integration: BootedService;
  let sequelize: Sequelize;
  let channel: SeededChannel;

  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    integration = await bootService(integrationService, { META_GRAPH_API_ROOT: graph.origin });
    sequelize = integration.app.get(TenantConnections).sequelize;
    channel = await seedPlatformChannel(sequelize, integration.config.encryptionKey, {
      type: 'instagram',
      credentials: {
        pageAccessToken: FAKE_GRAPH_ACCESS_TOKEN,
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
      },
      settings: { igUserId: IG_ID },
    });
  });

  afterAll(async () => {
    await integration.close();
    await graph.close();
  });

  const webhookUrl = () => `${integration.url}/webhooks/instagram/${channel.channelId}`;

  it('refuses a wrong verify token and unsigned or malformed deliveries', async () => {
    const handshake = await fetch(
      `${webhookUrl()}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=42`,
    );
    expect(handshake.status).toBe(403);
    const unsigned = await fetch(webhookUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'instagram', entry: [] }),
    });
    expect(unsigned.status).toBe(401);
    const malformed = signMetaWebhook('{"object":"instagram","entry":', APP_SECRET);
    const refused = await fetch(webhookUrl(), {
      method: 'POST',
      headers: malformed.headers,
      body: malformed.rawBody,
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('not valid JSON');
  });

  it('takes a message and a postback in, each once', async () => {
    const now = Date.now();
    const body = {
      object: 'instagram',
      entry: [
        {
          id: IG_ID,
          time: now,
          messaging: [
            {
              sender: { id: IGSID },
              recipient: { id: IG_ID },
              timestamp: now,
              message: { mid: `ig_e2e_${now}`, text: 'Is this in stock?' },
            },
            {
              sender: { id: IGSID },
              recipient: { id: IG_ID },
              timestamp: now + 1,
              postback: { mid: `ig_e2e_pb_${now}`, title: 'Talk to an agent', payload: 'AGENT' },
            },
          ],
        },
      ],
    };
    const signed = signMetaWebhook(body, APP_SECRET);
    const deliver = async () =>
      (
        await fetch(webhookUrl(), { method: 'POST', headers: signed.headers, body: signed.rawBody })
      ).json();
    expect(await deliver()).toEqual({ accepted: 2, duplicates: 0, statuses: 0, ignored: 0 });
    expect(await deliver()).toEqual({ accepted: 0, duplicates: 2, statuses: 0, ignored: 0 });

    const rows = await eventually(async () => {
      const stored = await messagesOfChannel(sequelize, channel.channelId);
      expect(stored).toHaveLength(2);
      return stored;
    });
    expect(rows.map((r) => [r.text, r.metadata.kind])).toEqual([
      ['Is this in stock?', 'message'],
      ['Talk to an agent', 'postback'],
    ]);
  });
});
