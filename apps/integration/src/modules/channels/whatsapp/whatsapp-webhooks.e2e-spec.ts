import Bull from 'bull';
import { QueryTypes, type Sequelize } from 'sequelize';
import { type ChannelOutboundJobData, QueueNames } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import {
  type BootedService,
  FAKE_GRAPH_ACCESS_TOKEN,
  FakeGraphApi,
  TEST_REDIS_URL,
  bootService,
  eventually,
  signMetaWebhook,
} from '@cxgenie/testing';
import { integrationService } from '../../../integration.service';
import {
  type SeededChannel,
  messagesOfChannel,
  seedConversation,
  seedPlatformChannel,
  seedQueuedReplies,
} from '../../../channels.test-helpers';

const APP_SECRET = 'whatsapp-e2e-app-secret';
const VERIFY_TOKEN = 'whatsapp-e2e-verify-token';
const PHONE_NUMBER_ID = '106540352242922';
const CUSTOMER = '16505551234';

describe('WhatsApp through the integration service', () => {
  let graph: FakeGraphApi;
  let integration: BootedService;
  let sequelize: Sequelize;
  let tenants: TenantConnections;
  let outbound: Bull.Queue<ChannelOutboundJobData>;
  let channel: SeededChannel;

  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    integration = await bootService(integrationService, { META_GRAPH_API_ROOT: graph.origin });
    tenants = integration.app.get(TenantConnections);
    sequelize = tenants.sequelize;
    outbound = new Bull(QueueNames.ChannelOutbound, TEST_REDIS_URL, {
      prefix: integration.config.queuePrefix,
    });
    channel = await seedPlatformChannel(sequelize, integration.config.encryptionKey, {
      type: 'whatsapp',
      credentials: {
        accessToken: FAKE_GRAPH_ACCESS_TOKEN,
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
      },
      settings: {
        phoneNumberId: PHONE_NUMBER_ID,
        wabaId: '102290129340398',
        templateName: 'support_follow_up',
        templateLanguage: 'en_US',
      },
    });
  });

  afterAll(async () => {
    await outbound.close();
    await integration.close();
    await graph.close();
  });

  const webhookUrl = () => `${integration.url}/webhooks/whatsapp/${channel.channelId}`;

  const post = async (body: object, secret = APP_SECRET) => {
    const signed = signMetaWebhook(body, secret);
    const res = await fetch(webhookUrl(), {
      method: 'POST',
      headers: signed.headers,
      body: signed.rawBody,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const change = (value: object) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              ...value,
            },
          },
        ],
      },
    ],
  });

  const deliverReply = async (conversationId: string, text: string) => {
    const [messageId] = await seedQueuedReplies(tenants, channel, conversationId, [text]);
    await outbound.add(
      withTraceId({
        workspaceId: channel.workspaceId,
        conversationId,
        messageId,
        channelId: channel.channelId,
        channelType: 'whatsapp' as const,
      }),
    );
    return messageId;
  };

  const messageRow = async (id: string) => {
    const rows = await messagesOfChannel(sequelize, channel.channelId);
    return rows.find((r) => r.id === id);
  };

  it('answers the handshake, takes a signed message in once, replies and records the receipt', async () => {
    const handshake = await fetch(
      `${webhookUrl()}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect([handshake.status, await handshake.text()]).toEqual([200, '1158201444']);

    const wamid = `wamid.e2e-${Date.now()}`;
    const inbound = change({
      contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: CUSTOMER }],
      messages: [
        {
          from: CUSTOMER,
          id: wamid,
          timestamp: String(Math.floor(Date.now() / 1000)),
          text: { body: 'Where is my order?' },
          type: 'text',
        },
      ],
    });
    expect(await post(inbound)).toEqual({
      status: 200,
      body: { accepted: 1, duplicates: 0, statuses: 0, ignored: 0 },
    });
    expect((await post(inbound)).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await post(inbound, 'not-the-app-secret')).status).toBe(403);

    const [question] = await eventually(async () => {
      const rows = await messagesOfChannel(sequelize, channel.channelId);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(question).toMatchObject({
      direction: 'inbound',
      text: 'Where is my order?',
      platform_message_id: wamid,
      metadata: expect.objectContaining({ platform: 'whatsapp', kind: 'message' }),
    });
    const [customer] = await sequelize.query<{ name: string }>(
      `SELECT cu.name FROM conversations co JOIN customers cu ON cu.id = co.customer_id
        WHERE co.id = :id`,
      { replacements: { id: question.conversation_id }, type: QueryTypes.SELECT },
    );
    expect(customer.name).toBe('Sheena Nelson');

    // Inside the 24-hour window: free-form text, and the wamid Graph answered becomes ours.
    const replyId = await deliverReply(question.conversation_id, 'It ships today.');
    const sent = await eventually(async () => {
      const row = await messageRow(replyId);
      expect(row?.status).toBe('sent');
      return row!;
    });
    expect(graph.delivered).toEqual([
      expect.objectContaining({
        to: CUSTOMER,
        type: 'text',
        text: { preview_url: false, body: 'It ships today.' },
      }),
    ]);
    expect(sent.platform_message_id).toBe(graph.requests.at(-1)?.messageId);

    const receipt = change({
      statuses: [
        {
          id: sent.platform_message_id,
          status: 'delivered',
          timestamp: String(Math.floor(Date.now() / 1000)),
          recipient_id: CUSTOMER,
        },
      ],
    });
    expect((await post(receipt)).body).toMatchObject({ statuses: 1 });
    await eventually(async () => expect((await messageRow(replyId))?.status).toBe('delivered'));
  });

  it('sends the approved template to a customer who never wrote on the channel', async () => {
    graph.reset();
    const conversationId = await seedConversation(tenants, channel, '16505550000');
    const replyId = await deliverReply(conversationId, 'Following up on your ticket.');
    await eventually(async () => expect((await messageRow(replyId))?.status).toBe('sent'));
    expect(graph.delivered).toEqual([
      expect.objectContaining({
        to: '16505550000',
        type: 'template',
        template: { name: 'support_follow_up', language: { code: 'en_US' } },
      }),
    ]);
  });
});
