import Bull from 'bull';
import type { Sequelize } from 'sequelize';
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
  seedPlatformChannel,
  seedQueuedReplies,
} from '../../../channels.test-helpers';

const APP_SECRET = 'messenger-e2e-app-secret';
const PAGE_ID = '106403224510948';
const PSID = '6945520952144011';

describe('Messenger through the integration service', () => {
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
      type: 'messenger',
      credentials: {
        pageAccessToken: FAKE_GRAPH_ACCESS_TOKEN,
        appSecret: APP_SECRET,
        verifyToken: 'messenger-e2e-verify-token',
      },
      settings: { pageId: PAGE_ID },
    });
  });

  afterAll(async () => {
    await outbound.close();
    await integration.close();
    await graph.close();
  });

  const post = async (messaging: object[]) => {
    const body = { object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging }] };
    const signed = signMetaWebhook(body, APP_SECRET);
    const res = await fetch(`${integration.url}/webhooks/messenger/${channel.channelId}`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.rawBody,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('takes a message in once, ignores the echo, replies through the Send API and records the delivery', async () => {
    const mid = `m_e2e_${Date.now()}`;
    const message = {
      sender: { id: PSID },
      recipient: { id: PAGE_ID },
      timestamp: Date.now(),
      message: { mid, text: 'Do you deliver on Sundays?' },
    };
    const echo = {
      sender: { id: PAGE_ID },
      recipient: { id: PSID },
      timestamp: Date.now(),
      message: { mid: `${mid}_echo`, is_echo: true, app_id: 1517776481860111, text: 'Hi!' },
    };
    expect(await post([message, echo])).toEqual({
      status: 200,
      body: { accepted: 1, duplicates: 0, statuses: 0, ignored: 1 },
    });
    expect((await post([message])).body).toMatchObject({ accepted: 0, duplicates: 1 });

    const [question] = await eventually(async () => {
      const rows = await messagesOfChannel(sequelize, channel.channelId);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(question).toMatchObject({
      text: 'Do you deliver on Sundays?',
      platform_message_id: mid,
    });

    const [replyId] = await seedQueuedReplies(tenants, channel, question.conversation_id, [
      'Yes, every day.',
    ]);
    await outbound.add(
      withTraceId({
        workspaceId: channel.workspaceId,
        conversationId: question.conversation_id,
        messageId: replyId,
        channelId: channel.channelId,
        channelType: 'messenger' as const,
      }),
    );
    const reply = await eventually(async () => {
      const row = (await messagesOfChannel(sequelize, channel.channelId)).find(
        (r) => r.id === replyId,
      );
      expect(row?.status).toBe('sent');
      return row!;
    });
    expect(graph.requests.at(-1)).toMatchObject({
      nodeId: PAGE_ID,
      body: {
        recipient: { id: PSID },
        messaging_type: 'RESPONSE',
        message: { text: 'Yes, every day.' },
      },
    });
    expect(reply.platform_message_id).toBe(graph.requests.at(-1)?.messageId);

    const receipt = {
      sender: { id: PSID },
      recipient: { id: PAGE_ID },
      delivery: { mids: [reply.platform_message_id], watermark: Date.now() },
    };
    expect((await post([receipt])).body).toMatchObject({ statuses: 1 });
    await eventually(async () => {
      const row = (await messagesOfChannel(sequelize, channel.channelId)).find(
        (r) => r.id === replyId,
      );
      expect(row?.status).toBe('delivered');
    });
  });
});
