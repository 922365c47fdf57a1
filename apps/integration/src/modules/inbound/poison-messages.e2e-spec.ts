import { randomBytes } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { TenantConnections } from '@cxgenie/database';
import {
  type BootedService,
  FAKE_GRAPH_ACCESS_TOKEN,
  FakeGraphApi,
  bootService,
  eventually,
  signMetaWebhook,
} from '@cxgenie/testing';
import { integrationService } from '../../integration.service';
import {
  type SeededChannel,
  messagesOfChannel,
  seedPlatformChannel,
} from '../../channels.test-helpers';

const APP_SECRET = 'poison-e2e-app-secret';
const PAGE_ID = '106403224510948';

interface DeadLetterRow {
  source: string;
  channel_id: string;
  reason: string;
  attempts: number;
  payload: string;
}

describe('messages PostgreSQL cannot store as they are', () => {
  let graph: FakeGraphApi;
  let integration: BootedService;
  let sequelize: Sequelize;
  let channel: SeededChannel;

  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    integration = await bootService(integrationService, { META_GRAPH_API_ROOT: graph.origin });
    sequelize = integration.app.get(TenantConnections).sequelize;
    channel = await seedPlatformChannel(sequelize, integration.config.encryptionKey, {
      type: 'messenger',
      credentials: {
        pageAccessToken: FAKE_GRAPH_ACCESS_TOKEN,
        appSecret: APP_SECRET,
        verifyToken: 'poison-e2e-verify-token',
      },
      settings: { pageId: PAGE_ID },
    });
  });

  afterAll(async () => {
    await integration.close();
    await graph.close();
  });

  const post = async (psid: string, message: Record<string, unknown>, timestamp = Date.now()) => {
    const messaging = [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp, message }];
    const body = { object: 'page', entry: [{ id: PAGE_ID, time: timestamp, messaging }] };
    const signed = signMetaWebhook(body, APP_SECRET);
    const res = await fetch(`${integration.url}/webhooks/messenger/${channel.channelId}`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.rawBody,
    });
    return res.status;
  };

  const psid = () => String(6_900_000_000_000_000 + Math.floor(Math.random() * 1e12));
  const mid = () => `m_poison_${randomBytes(6).toString('hex')}`;

  it('stores text with NUL and lone surrogates, cleaned, and takes the next message after it', async () => {
    const customer = psid();
    expect(await post(customer, { mid: mid(), text: 'order\u0000 #42 \uD800 please' })).toBe(200);
    expect(await post(customer, { mid: mid(), text: 'and another' }, Date.now() + 1)).toBe(200);
    const stored = await eventually(async () => {
      const rows = (await messagesOfChannel(sequelize, channel.channelId)).filter((r) =>
        ['order #42 \uFFFD please', 'and another'].includes(r.text),
      );
      expect(rows.map((r) => r.text)).toEqual(['order #42 \uFFFD please', 'and another']);
      return rows;
    }, 10_000);
    expect(stored[0].conversation_id).toBe(stored[1].conversation_id);
    expect(stored[1].seq).toBe(stored[0].seq + 1);
  });

  it('sets aside a message the database refuses every time, with the reason, and goes on with the next', async () => {
    const customer = psid();
    // Random, so incompressible: too large for the platform-id index, whatever is retried.
    const hostileMid = `m_${randomBytes(6_000).toString('base64url')}`;
    const sentAt = Date.now();
    expect(await post(customer, { mid: hostileMid, text: 'the poison' }, sentAt)).toBe(200);
    expect(await post(customer, { mid: mid(), text: 'after the poison' }, sentAt + 1)).toBe(200);

    const after = await eventually(async () => {
      const rows = (await messagesOfChannel(sequelize, channel.channelId)).filter(
        (r) => r.text === 'after the poison',
      );
      expect(rows).toHaveLength(1);
      return rows[0];
    }, 30_000);
    expect(after.seq).toBe(1);

    const [letter] = await sequelize.query<DeadLetterRow>(
      `SELECT source, channel_id, reason, attempts, payload FROM dead_letters
        WHERE workspace_id = :workspaceId ORDER BY created_at DESC LIMIT 1`,
      { replacements: { workspaceId: channel.workspaceId }, type: QueryTypes.SELECT },
    );
    expect(letter).toMatchObject({ source: 'inbound', channel_id: channel.channelId, attempts: 3 });
    expect(letter.reason).toMatch(/index row/i);
    expect(JSON.parse(letter.payload)).toMatchObject({
      message: { platformMessageId: hostileMid, text: 'the poison' },
    });
    const metrics = await (await fetch(`${integration.url}/metrics`)).text();
    expect(metrics).toMatch(/reason="dead_lettered"[^\n]* [1-9]/);
  });
});
